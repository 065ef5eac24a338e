import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientAccessPolicy } from './client-access.policy';
import { IDENTITY_ENTITIES } from './entities';
import { PasswordHasher } from './password/password-hasher.service';
import { AuthResolver } from './resolvers/auth.resolver';
import { MembershipResolver } from './resolvers/membership.resolver';
import { AuthService } from './services/auth.service';
import { IdentityDirectory } from './services/identity-directory.service';
import { IdentityDataRights } from './services/identity-data-rights.service';
import { LoginThrottleService } from './services/login-throttle.service';
import { MembershipService } from './services/membership.service';
import { SessionService } from './services/session.service';
import { MfaService } from './services/mfa.service';
import { MfaResolver } from './resolvers/mfa.resolver';
import { MailboxAddressBook, MailModule, SessionVerifier } from '@followthrough/server-core';
import { IdentityMailService } from './services/identity-mail.service';

@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), MailModule],
  providers: [
    SessionService,
    { provide: SessionVerifier, useExisting: SessionService },
    IdentityDirectory,
    { provide: MailboxAddressBook, useExisting: IdentityDirectory },
    PasswordHasher,
    LoginThrottleService,
    AuthService,
    MembershipService,
    ClientAccessPolicy,
    AuthResolver,
    MembershipResolver,
    MfaService,
    MfaResolver,
    IdentityMailService,
    IdentityDataRights,
  ],
  exports: [ClientAccessPolicy, PasswordHasher, IdentityDirectory, IdentityDataRights],
})
export class IdentityModule {}
