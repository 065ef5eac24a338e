import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';
import { CoreDataRights } from '../data-rights/core-data-rights.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditService, CoreDataRights],
  exports: [AuditService, CoreDataRights],
})
export class AuditModule {}
