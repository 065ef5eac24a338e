import './domain-enums';
import { Module } from '@nestjs/common';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { JwtModule, JwtService } from '@nestjs/jwt';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { AuditEventsResolver } from '../audit/audit-events.resolver';
import { AuditService } from '../audit/audit.service';
import { formatGraphqlError } from '../errors/format-graphql-error';
import { limitsPlugin } from './limits.plugin';
import { OperationRateLimiter } from './operation-rate-limiter';

export { MAX_QUERY_DEPTH } from './query-limits';

export interface GraphqlContext {
  req: Request;
}

@Module({
  providers: [OperationRateLimiter],
  exports: [OperationRateLimiter],
})
class GraphqlLimitsModule {}

/** The audit trail's reading side (its retention pass runs in the worker): API processes only. */
@Module({ providers: [AuditEventsResolver] })
class AuditApiModule {}

@Module({
  imports: [
    AuditApiModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [GraphqlLimitsModule, JwtModule.register({})],
      inject: [APP_CONFIG, OperationRateLimiter, JwtService, AuditService],
      useFactory: (config: AppConfig, rateLimiter: OperationRateLimiter, jwt: JwtService, audit: AuditService) => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        introspection: !config.production,
        // "Did you mean …?" would spell the schema out even with introspection off.
        hideSchemaDetailsFromClientErrors: config.production,
        playground: false,
        parseOptions: { maxTokens: config.limits.maxTokens },
        // Apollo's default landing page loads from the internet, which many users here cannot reach.
        // No HTTP caching of GraphQL answers here, so skip the per-field cache-hint bookkeeping too.
        plugins: [
          ApolloServerPluginLandingPageDisabled(),
          ApolloServerPluginCacheControlDisabled(),
          limitsPlugin(config, rateLimiter, jwt, audit),
        ],
        includeStacktraceInErrorResponses: false,
        formatError: formatGraphqlError,
        context: ({ req }: { req: Request }): GraphqlContext => ({ req }),
      }),
    }),
  ],
})
export class GraphqlApiModule {}
