import './domain-enums';
import { Module } from '@nestjs/common';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import depthLimit from 'graphql-depth-limit';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { formatGraphqlError } from '../errors/format-graphql-error';

export const MAX_QUERY_DEPTH = 10;

export interface GraphqlContext {
  req: Request;
}

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        introspection: !config.production,
        playground: false,
        // Apollo's default landing page loads from the internet, which many users here cannot reach.
        // No HTTP caching of GraphQL answers here, so skip the per-field cache-hint bookkeeping too.
        plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
        includeStacktraceInErrorResponses: false,
        validationRules: [depthLimit(MAX_QUERY_DEPTH)],
        formatError: formatGraphqlError,
        context: ({ req }: { req: Request }): GraphqlContext => ({ req }),
      }),
    }),
  ],
})
export class GraphqlApiModule {}
