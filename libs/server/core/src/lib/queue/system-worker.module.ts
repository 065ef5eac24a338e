import { Module } from '@nestjs/common';
import { AuditRetention } from '../audit/audit-retention';
import { SystemProcessor } from './system.processor';

/** The worker side of the system queue and of core's recurring housekeeping; imported by worker processes only. */
@Module({ providers: [SystemProcessor, AuditRetention] })
export class SystemWorkerModule {}
