import { createParamDecorator, ExecutionContext, HttpStatus } from '@nestjs/common';
import { ALL_UNIT_ROLES, PasswordChangeReason, Role } from '@tunedesk/contracts';
import type { Request } from 'express';
import { DomainError } from './domain-error';

/** Who is acting and from where: the signed-in user, or nobody (a failed login, a job). */
export interface Actor {
  userId: number;
  account: string;
  unitCode: string;
  roles: ReadonlySet<Role>;
  /** Hash of the session token (never the token); null for jobs and the CLI. */
  sessionKey: string | null;
  passwordChangeRequired: PasswordChangeReason | null;
  requestId: string | null;
  clientIp: string | null;
}

/** Where a request came from, for audit rows written before anyone is signed in. */
export interface RequestOrigin {
  requestId: string | null;
  clientIp: string | null;
  userAgent: string | null;
}

export type ActorRequest = Request & { id?: string | number; actor?: Actor };

export function requestOrigin(req: ActorRequest): RequestOrigin {
  const ua = req.headers['user-agent'];
  return {
    requestId: req.id != null ? String(req.id) : null,
    clientIp: req.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 255) : null,
  };
}

/** The signed-in user of this request; the AccessGuard has put it there. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<ActorRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without a signed-in user');
  return actor;
});

export const CurrentOrigin = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestOrigin =>
  requestOrigin(ctx.switchToHttp().getRequest<ActorRequest>()),
);

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.has(r));
}

/** Group leader, service section, IT, compliance, auditor and administrator see every unit. */
export function seesAllUnits(actor: Actor): boolean {
  return ALL_UNIT_ROLES.some((r) => actor.roles.has(r));
}

export function canReadUnit(actor: Actor, unitCode: string): boolean {
  return seesAllUnits(actor) || actor.unitCode === unitCode;
}

/** The system actor for scheduled jobs and the CLI. */
export function systemActor(what: string): Actor {
  return {
    userId: 0,
    account: `system:${what}`,
    unitCode: '',
    roles: new Set([Role.SystemAdmin]),
    sessionKey: null,
    passwordChangeRequired: null,
    requestId: null,
    clientIp: null,
  };
}

/** A denial the guard or a service raises; the AccessGuard/filter audits it. */
export class AccessDenied extends DomainError {
  constructor(
    readonly reason: string,
    status: HttpStatus.FORBIDDEN | HttpStatus.NOT_FOUND = HttpStatus.FORBIDDEN,
  ) {
    super(
      status === HttpStatus.NOT_FOUND ? 'NOT_FOUND' : 'FORBIDDEN',
      status === HttpStatus.NOT_FOUND
        ? { 'zh-TW': '找不到指定的資料', en: 'Not found' }
        : { 'zh-TW': '您沒有執行此操作的權限', en: 'You may not do this' },
      status,
    );
  }
}
