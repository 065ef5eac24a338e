import { Agency } from '../entities/agency.entity';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { MemberView, ViewerView } from '../dto/identity.types';

export function viewerOf(user: User, membership: Membership, agency: Agency): ViewerView {
  return {
    user: { id: user.id, email: user.email, name: user.name },
    membership: { role: membership.role, agency: { id: agency.id, name: agency.name, timezone: agency.timezone } },
  };
}

export function memberOf(user: User, membership: Membership): MemberView {
  return { userId: user.id, email: user.email, name: user.name, role: membership.role, joinedAt: membership.createdAt };
}
