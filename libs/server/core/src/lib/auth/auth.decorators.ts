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

export function requestOf(context: ExecutionContext): {
  user?: Actor;
  ip?: string;
  headers: Record<string, string | undefined>;
} {
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
export const ClientDevice = createParamDecorator(
  (_data: unknown, context: ExecutionContext): { ip: string; userAgent: string | null } => {
    const request = requestOf(context);
    return { ip: request.ip ?? 'unknown', userAgent: request.headers['user-agent'] ?? null };
  },
);

export const ALLOWED_BEFORE_MFA = 'followthrough:allowedBeforeMfa';
export const REQUIRES_RECENT_MFA = 'followthrough:requiresRecentMfa';
/** How recent a second factor a sensitive operation needs. */
export const STEP_UP_SECONDS = 600;

/** Open to someone whose agency requires two-step sign-in before they have set it up (enrolment itself). */
export const AllowedBeforeMfa = () => SetMetadata(ALLOWED_BEFORE_MFA, true);

/** A sensitive operation: someone with two-step sign-in must have given a code in the last 10 minutes. */
export const RequiresRecentMfa = () => SetMetadata(REQUIRES_RECENT_MFA, true);
