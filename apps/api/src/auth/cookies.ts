import { SESSION_COOKIE, XSRF_COOKIE } from '@tunedesk/contracts';
import type { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';

/** httpOnly, SameSite=Strict, Secure when the request came over TLS (directly or via the proxy). */
export function setSessionCookies(req: Request, res: Response, token: string, csrfToken: string): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
  setXsrfCookie(req, res, csrfToken);
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Readable by the page's script (Angular copies it into X-XSRF-TOKEN), never by another site. */
function setXsrfCookie(req: Request, res: Response, value: string): void {
  res.cookie(XSRF_COOKIE, value, { httpOnly: false, sameSite: 'strict', secure: req.secure, path: '/' });
}

/** Gives every visitor an anti-forgery token before they sign in (the login form needs one too). */
export function xsrfCookieMiddleware(req: Request, res: Response, next: NextFunction): void {
  const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
  if (!cookies[XSRF_COOKIE]) {
    const value = randomBytes(24).toString('base64url');
    setXsrfCookie(req, res, value);
    // Visible to this request too, so a first GET followed by a POST in the same page load works.
    (req.cookies as Record<string, string>)[XSRF_COOKIE] = value;
  }
  next();
}
