import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '@tunedesk/contracts';

export const ACCESS_KEY = 'tunedesk:access';

/**
 * Who may call a route. Every route carries exactly one of these (a test walks
 * the routes and fails on one without); the AccessGuard refuses undeclared ones.
 */
export type AccessRule = { kind: 'public' } | { kind: 'signed-in'; duringPasswordChange: boolean } | { kind: 'roles'; roles: Role[] };

/** Anyone, signed in or not (login, health, the CSRF cookie). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/**
 * Any signed-in user. `duringPasswordChange` lets the route answer while the
 * user must still change an initial or expired password (me, password, logout).
 */
export const SignedIn = (options: { duringPasswordChange?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'signed-in', duringPasswordChange: options.duringPasswordChange ?? false } satisfies AccessRule),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in or the session ended' }),
  );

/** Users holding at least one of the roles; object-level (own unit) checks follow in the service. */
export const Allow = (...roles: Role[]) => {
  if (roles.length === 0) throw new Error('@Allow needs at least one role');
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessRule),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in or the session ended' }),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}` }),
  );
};
