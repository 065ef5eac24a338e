import type { MigrationInterface } from 'typeorm';

/** A migration class, as TypeORM takes them. */
export type MigrationClass = new () => MigrationInterface;
import { Identity1795890750978 } from './1795890750978-Identity';
import { Pipeline1795891474596 } from './1795891474596-Pipeline';
import { Reminders1795891774270 } from './1795891774270-Reminders';
import { ReminderScanIndexes1795892294003 } from './1795892294003-ReminderScanIndexes';
import { ReminderRecovery1795892632486 } from './1795892632486-ReminderRecovery';
import { Vents1795891805041 } from './1795891805041-Vents';
import { Playbooks1795892232549 } from './1795892232549-Playbooks';
import { InsightsIndexes1795893000000 } from './1795893000000-InsightsIndexes';
import { InsightsRadarSnapshots1795894000000 } from './1795894000000-InsightsRadarSnapshots';
import { IdentitySessions1795895000000 } from './1795895000000-IdentitySessions';
import { SignedLinkGenerations1795896000000 } from './1795896000000-SignedLinkGenerations';
import { IdentityMfa1795897000000 } from './1795897000000-IdentityMfa';
import { WritePathIndexes1795895100000 } from './1795895100000-WritePathIndexes';
import { InsightsClientRollups1795895200000 } from './1795895200000-InsightsClientRollups';
import { GraphqlRateLimits1795896100000 } from './1795896100000-GraphqlRateLimits';
import { AuditReads1795896200000 } from './1795896200000-AuditReads';
import { ReminderDeliveryState1796044008955 } from './1796044008955-ReminderDeliveryState';
import { FollowUpIdempotencyKeys1796044100000 } from './1796044100000-FollowUpIdempotencyKeys';
import { CompanyDetailsConfirmed1796050000000 } from './1796050000000-CompanyDetailsConfirmed';
import { InsightsCoachWeeks1796060000000 } from './1796060000000-InsightsCoachWeeks';
import { MfaSecretsEncrypted1796070000000 } from './1796070000000-MfaSecretsEncrypted';
import { MemberPages1796080000000 } from './1796080000000-MemberPages';
import { PipelineEditing1796091234567 } from './1796091234567-PipelineEditing';
import { RowLevelSecurity1796100000000 } from './1796100000000-RowLevelSecurity';

/** Every migration, in order. Generated with `npm run migration:generate`, then reviewed. */
export const MIGRATIONS: MigrationClass[] = [
  Identity1795890750978,
  Pipeline1795891474596,
  Reminders1795891774270,
  Vents1795891805041,
  Playbooks1795892232549,
  ReminderScanIndexes1795892294003,
  ReminderRecovery1795892632486,
  InsightsIndexes1795893000000,
  InsightsRadarSnapshots1795894000000,
  IdentitySessions1795895000000,
  WritePathIndexes1795895100000,
  InsightsClientRollups1795895200000,
  SignedLinkGenerations1795896000000,
  GraphqlRateLimits1795896100000,
  AuditReads1795896200000,
  IdentityMfa1795897000000,
  ReminderDeliveryState1796044008955,
  FollowUpIdempotencyKeys1796044100000,
  CompanyDetailsConfirmed1796050000000,
  InsightsCoachWeeks1796060000000,
  MfaSecretsEncrypted1796070000000,
  MemberPages1796080000000,
  PipelineEditing1796091234567,
  RowLevelSecurity1796100000000,
];
