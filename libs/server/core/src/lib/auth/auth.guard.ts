import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { Role } from '@followthrough/shared-domain';
import { forbidden, unauthenticated } from '../errors/app-errors';
import { Actor } from './actor';
import { ALLOWED_ROLES, IS_PUBLIC, requestOf } from './auth.decorators';

/** Global guard: every operation needs a valid token unless marked @Public(); @Roles() narrows further. */
@Injectable()
export class AuthGuard extends PassportAuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    await super.canActivate(context);
    const actor = requestOf(context).user as Actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(actor.role)) throw forbidden();
    return true;
  }

  override handleRequest<T>(error: unknown, actor: T): T {
    if (error || !actor) throw unauthenticated();
    return actor;
  }
}
