import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Role } from '@tunedesk/contracts';
import { firstValueFrom } from 'rxjs';
import { errorInterceptor } from '../http/error.interceptor';
import { makeMe } from '../testing/auth-testing';
import { AuthService } from './auth.service';

describe('AuthService', () => {
  let open: jest.Mock;
  let http: HttpTestingController;
  let auth: AuthService;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  afterEach(() => http.verify());

  it('load() keeps the signed-in user', async () => {
    const loaded = auth.load();
    http.expectOne('/api/auth/me').flush(makeMe({ displayName: '林志明' }));
    await expect(loaded).resolves.toMatchObject({ displayName: '林志明' });
    expect(auth.me()?.displayName).toBe('林志明');
  });

  it('load() treats a 401 as nobody signed in, without an error message', async () => {
    auth.me.set(makeMe());
    const loaded = auth.load();
    http
      .expectOne('/api/auth/me')
      .flush(
        { statusCode: 401, code: 'NOT_AUTHENTICATED', message: { 'zh-TW': '請先登入', en: 'Sign in first' } },
        { status: 401, statusText: 'Unauthorized' },
      );
    await expect(loaded).resolves.toBeNull();
    expect(auth.me()).toBeNull();
    expect(open).not.toHaveBeenCalled();
  });

  it('asks for the XSRF cookie before the first login, then signs in', async () => {
    const result = firstValueFrom(auth.login({ account: 'chen.mh', password: 'secret' }));
    http.expectOne('/api/auth/csrf').flush(null, { status: 204, statusText: 'No Content' });
    const login = http.expectOne('/api/auth/login');
    expect(login.request.method).toBe('POST');
    expect(login.request.body).toEqual({ account: 'chen.mh', password: 'secret' });
    login.flush(makeMe());
    await result;
    expect(auth.me()?.account).toBe('chen.mh');
  });

  it('skips the XSRF call when the cookie is already there', async () => {
    document.cookie = 'XSRF-TOKEN=abc; path=/';
    const result = firstValueFrom(auth.login({ account: 'chen.mh', password: 'secret' }));
    http.expectNone('/api/auth/csrf');
    http.expectOne('/api/auth/login').flush(makeMe());
    await result;
    expect(auth.signedIn()).toBe(true);
  });

  it('hasRole() is true for any one of the roles held', () => {
    expect(auth.hasRole(Role.SystemAdmin)).toBe(false);
    auth.me.set(makeMe({ roles: [Role.Auditor, Role.UnitHead] }));
    expect(auth.hasRole(Role.SystemAdmin)).toBe(false);
    expect(auth.hasRole(Role.SystemAdmin, Role.Auditor)).toBe(true);
  });

  it('logout() forgets the user even when the session was already gone', async () => {
    auth.me.set(makeMe());
    const done = firstValueFrom(auth.logout(), { defaultValue: undefined });
    http.expectOne('/api/auth/logout').flush(null, { status: 401, statusText: 'Unauthorized' });
    await done;
    expect(auth.me()).toBeNull();
  });
});
