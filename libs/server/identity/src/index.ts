export * from './lib/identity.module';
export * from './lib/client-access.policy';
export * from './lib/password/password-hasher.service';
export * from './lib/entities';
export * from './lib/services/identity-directory.service';
export * from './lib/mfa/mfa-secret-box';
export * from './lib/services/identity-data-rights.service';
