import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Role } from '@followthrough/shared-domain';
import { Actor } from './actor';

export const IS_PUBLIC = 'followthrough:isPublic';
export const ALLOWED_ROLES = 'followthrough:allowedRoles';

/** The only way to opt out of authentication. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts an operation to these roles; object-level rules live in each context's policy. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export function requestOf(context: ExecutionContext): { user?: Actor; ip?: string; headers: Record<string, string | undefined> } {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext().req;
  }
  return context.switchToHttp().getRequest();
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).user;
  // The global guard guarantees an actor on every non-public operation.
  if (!actor) throw new Error('CurrentActor used on a public operation');
  return actor;
});

/** The caller's address, for per-IP rate limits (Express sets it from the socket or a trusted proxy). */
export const ClientIp = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  return requestOf(context).ip ?? 'unknown';
});

/** The caller's address and browser, recorded on the sessions they start. */
export const ClientDevice = createParamDecorator((_data: unknown, context: ExecutionContext): { ip: string; userAgent: string | null } => {
  const request = requestOf(context);
  return { ip: request.ip ?? 'unknown', userAgent: request.headers['user-agent'] ?? null };
});
