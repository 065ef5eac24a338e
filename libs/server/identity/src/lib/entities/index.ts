import { Agency } from './agency.entity';
import { AuthSession } from './auth-session.entity';
import { CoachAssignment } from './coach-assignment.entity';
import { Invitation } from './invitation.entity';
import { LoginThrottle } from './login-throttle.entity';
import { Membership } from './membership.entity';
import { MfaRecoveryCode } from './mfa-recovery-code.entity';
import { User } from './user.entity';

export { Agency, AuthSession, CoachAssignment, Invitation, LoginThrottle, Membership, MfaRecoveryCode, User };

export const IDENTITY_ENTITIES = [
  Agency,
  User,
  Membership,
  Invitation,
  CoachAssignment,
  LoginThrottle,
  AuthSession,
  MfaRecoveryCode,
];
