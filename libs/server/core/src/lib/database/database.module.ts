import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { ReadReplica } from './read-replica.service';
import { SqlStatementCounter } from './sql-statement-counter';
import { bindTransactionsToTenantScope } from './tenant-transactions';

// Every statement runs bound to the request's or job's agency (row-level security does the rest).
bindTransactionsToTenantScope();

/** The primary through TypeORM, and the optional streaming replica for reads that may lag. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.databaseUrl,
        autoLoadEntities: true,
        // Schema changes go through migrations/ only.
        uuidExtension: 'pgcrypto' as const,
        synchronize: false,
        migrationsRun: false,
        logging: ['query', 'error', 'warn'],
        logger: new SqlStatementCounter(),
        extra: { max: 20, application_name: 'followthrough' },
      }),
    }),
  ],
  providers: [ReadReplica],
  exports: [ReadReplica],
})
export class DatabaseModule {}
