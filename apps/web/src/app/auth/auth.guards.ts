import { inject } from '@angular/core';
import { type CanActivateFn, RedirectCommand, Router } from '@angular/router';
import type { Role } from '@tunedesk/contracts';
import { AuthService } from './auth.service';

export const LOGIN_PATH = '/login';
export const PASSWORD_PATH = '/password';
export const FORBIDDEN_PATH = '/forbidden';

/** Signed in, or off to the login page, which brings the user back here afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthService).me()) return true;
  return inject(Router).createUrlTree([LOGIN_PATH], { queryParams: { returnUrl: state.url } });
};

/** While the password must be changed, the password page is the only page there is. */
export const passwordChangeGuard: CanActivateFn = () => {
  const me = inject(AuthService).me();
  return me?.passwordChangeRequired ? inject(Router).parseUrl(PASSWORD_PATH) : true;
};

/** The login page is for signed-out users; a signed-in one goes to the overview. */
export const guestGuard: CanActivateFn = () => (inject(AuthService).me() ? inject(Router).parseUrl('/') : true);

/**
 * `data: { roles: [...] }`: any one of them lets the user in. Others see the
 * 403 page at the address they asked for, so the address bar still says where they tried to go.
 */
export const roleGuard: CanActivateFn = (route, state) => {
  const roles = (route.data['roles'] ?? []) as readonly Role[];
  if (roles.length === 0 || inject(AuthService).hasRole(...roles)) return true;
  return new RedirectCommand(inject(Router).parseUrl(FORBIDDEN_PATH), { browserUrl: state.url });
};

/** Only same-site paths: `returnUrl` comes from the address bar and must not send the user elsewhere. */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith(LOGIN_PATH)) return '/';
  return value;
}
