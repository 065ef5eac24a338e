import { createSecretKey, KeyObject } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { JwtService } from '@nestjs/jwt';
import { DocumentNode, Kind, OperationDefinitionNode, SelectionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { deferReadsToAnswer } from '../audit/read-audit.context';
import { AppError } from '../errors/app-errors';
import { ACCESS_TOKEN_ALGORITHM } from '../auth/access-token-claims';
import { checkInputValues } from './input-guard';
import { checkQueryLimits } from './query-limits';
import { OperationRateLimiter } from './operation-rate-limiter';

/** The root fields an operation calls, through fragments too (so that a fragment cannot dodge the limit). */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const seen = new Set<string>();
  const names = (selections: readonly SelectionNode[]): string[] =>
    selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection.name.value];
      if (selection.kind === Kind.INLINE_FRAGMENT) return names(selection.selectionSet.selections);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return [];
      seen.add(fragment.name.value);
      return names(fragment.selectionSet.selections);
    });
  return names(operation.selectionSet.selections);
}

export const timedOut = (timeoutMs: number) =>
  new AppError('TIMEOUT', `The request took longer than ${timeoutMs} ms and was stopped; ask for less at once.`, {
    http: { status: 503 },
  });

/**
 * The request guards as one Apollo plugin. Once the operation is known and before any resolver
 * runs: every argument's text and ids, depth, aliases and cost, then the caller's per-operation rate limit. While it executes, a
 * field that starts after the deadline fails with TIMEOUT instead of running.
 */
export function limitsPlugin(
  config: AppConfig,
  rateLimiter: OperationRateLimiter,
  jwt: JwtService,
  audit: AuditService,
): ApolloServerPlugin<{ req: Request }> {
  const key: KeyObject = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  const limits = config.limits;

  /** The signed-in user when the token is valid (the guard decides access later), else the address. */
  function callerOf(req: Request): string {
    const header = req.headers.authorization ?? '';
    if (header.startsWith('Bearer ')) {
      try {
        const claims = jwt.verify<{ sub?: string }>(header.slice(7), {
          secret: key as unknown as string,
          algorithms: [ACCESS_TOKEN_ALGORITHM],
          issuer: config.jwt.issuer,
          audience: config.jwt.audience,
        });
        if (claims.sub) return `user:${claims.sub}`;
      } catch {
        // Not a valid token: counted by address, and refused by the guard.
      }
    }
    return `ip:${req.ip ?? 'unknown'}`;
  }

  return {
    async requestDidStart(): Promise<GraphQLRequestListener<{ req: Request }>> {
      const deadline = Date.now() + limits.timeoutMs;
      deferReadsToAnswer();
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          // Apollo has already refused a document without a runnable operation.
          if (!operation) return;
          // Coerced here as execution would, so that the checks below see the values resolvers will.
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, {
            maxErrors: 1,
          });
          if (variables.errors)
            throw new AppError('BAD_USER_INPUT', variables.errors[0].message, { http: { status: 400 } });
          checkInputValues(schema, document, operation, variables.coerced);
          checkQueryLimits(schema, document, operation, variables.coerced, limits);
          await rateLimiter.consume(callerOf(contextValue.req), rootFieldNames(document, operation));
        },
        async willSendResponse() {
          // The reads of client data this request made, as one audit row, before the answer leaves.
          await audit.flushReads();
        },
        async executionDidStart() {
          return {
            willResolveField() {
              if (Date.now() > deadline) throw timedOut(limits.timeoutMs);
            },
          };
        },
      };
    },
  };
}
