import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AppErrorFilter } from './errors/app-error.filter';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AppConfigModule } from './config/config.module';
import { ClientChangesModule } from './database/client-changes';
import { DatabaseModule } from './database/database.module';
import { ArgumentValidationPipe } from './errors/argument-validation.pipe';
import { QueueModule } from './queue/queue.module';
import { HeartbeatModule } from './health/heartbeat.module';

/** Configuration, database, queue connection, authentication and input validation: what every process needs. */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    ClientChangesModule,
    QueueModule,
    AuthModule,
    AuditModule,
    HeartbeatModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: AppErrorFilter },
    { provide: APP_PIPE, useValue: new ArgumentValidationPipe() },
  ],
  exports: [AuthModule, AuditModule],
})
export class CoreModule {}
