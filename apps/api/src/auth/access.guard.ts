import { CanActivate, ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@tunedesk/contracts';
import type { Response } from 'express';
import { ACCESS_KEY, AccessRule } from '../common/access';
import { ActorRequest, hasRole, requestOrigin } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { AuditService } from '../audit/audit.service';
import { AuthService, notAuthenticated } from './auth.service';
import { clearSessionCookie } from './cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const csrfRefused = () =>
  new DomainError(
    'CSRF_REFUSED',
    {
      'zh-TW': '請求缺少有效的安全權杖，請重新整理頁面後再試',
      en: 'The request lacks a valid anti-forgery token; reload the page and try again',
    },
    HttpStatus.FORBIDDEN,
  );

/**
 * The one gate of every API route: the route's declared rule (a route without
 * one is refused), the anti-forgery token on every state-changing request, the
 * session, the forced password change, and the roles.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<ActorRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`Route ${req.method} ${req.route?.path ?? req.path} declares no access rule; refused`);
      throw new DomainError(
        'ROUTE_ACCESS_UNDECLARED',
        { 'zh-TW': '此功能尚未設定權限，暫不開放', en: 'This route declares no access rule' },
        HttpStatus.FORBIDDEN,
      );
    }
    const unsafe = !SAFE_METHODS.has(req.method);
    const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
    const header = req.header(XSRF_HEADER);
    // Double submit: the header must repeat the cookie (another site can send the cookie, not read it).
    if (unsafe && (!header || !cookies[XSRF_COOKIE] || header !== cookies[XSRF_COOKIE])) throw csrfRefused();
    if (rule.kind === 'public') return true;

    const token = cookies[SESSION_COOKIE];
    if (!token) throw notAuthenticated(false);
    const origin = requestOrigin(req);
    const resolved = await this.auth.resolve(token, origin);
    if (!resolved || resolved === 'expired') {
      clearSessionCookie(res);
      throw notAuthenticated(resolved === 'expired');
    }
    // …and, once signed in, the token issued with this session.
    if (unsafe && !this.auth.csrfMatches(resolved.session, header!)) throw csrfRefused();
    const actor = resolved.actor;
    req.actor = actor;
    if (actor.passwordChangeRequired && !(rule.kind === 'signed-in' && rule.duringPasswordChange)) {
      throw new DomainError(
        'PASSWORD_CHANGE_REQUIRED',
        { 'zh-TW': '請先變更密碼才能繼續使用', en: 'Change your password before going on' },
        HttpStatus.FORBIDDEN,
        [{ reason: actor.passwordChangeRequired }],
      );
    }
    if (rule.kind === 'roles' && !hasRole(actor, ...rule.roles)) {
      throw await this.audit.denied(actor, {
        reason: `role: needs one of ${rule.roles.join(', ')}`,
        targetType: 'route',
        targetId: `${req.method} ${req.route?.path ?? req.path}`.slice(0, 64),
      });
    }
    return true;
  }
}
