import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Role } from '@tunedesk/contracts';
import { signIn } from '../testing/auth-testing';
import { authGuard, guestGuard, passwordChangeGuard, roleGuard, safeReturnUrl } from './auth.guards';

@Component({ selector: 'td-page', template: '<p id="page">page</p>' })
class PageComponent {}

@Component({ selector: 'td-forbidden-stub', template: '<p id="forbidden">403</p>' })
class ForbiddenStubComponent {}

describe('route guards', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', canActivate: [guestGuard], component: PageComponent },
          { path: 'password', canActivate: [authGuard], component: PageComponent },
          {
            path: '',
            canActivateChild: [authGuard, passwordChangeGuard],
            children: [
              { path: '', pathMatch: 'full', component: PageComponent },
              { path: 'audit', canActivate: [roleGuard], data: { roles: [Role.Auditor, Role.SystemAdmin] }, component: PageComponent },
              { path: 'forbidden', component: ForbiddenStubComponent },
            ],
          },
        ]),
      ],
    });
  });

  it('sends a signed-out user to the login page, remembering where they were going', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/audit?from=2026-11-01');
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Faudit%3Ffrom%3D2026-11-01');
  });

  it('sends a user who must change the password to /password from every other page', async () => {
    signIn({ roles: [Role.Auditor], passwordChangeRequired: 'initial' });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/audit');
    expect(TestBed.inject(Router).url).toBe('/password');
    await harness.navigateByUrl('/');
    expect(TestBed.inject(Router).url).toBe('/password');
  });

  it('lets a user with a matching role in', async () => {
    signIn({ roles: [Role.Auditor] });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/audit');
    expect(TestBed.inject(Router).url).toBe('/audit');
    expect(harness.routeNativeElement!.querySelector('#page')).not.toBeNull();
  });

  it('shows the 403 page to a user without the role, keeping the address', async () => {
    signIn({ roles: [Role.KnowledgeContact] });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/audit');
    expect(harness.routeNativeElement!.querySelector('#forbidden')).not.toBeNull();
    expect(harness.routeNativeElement!.querySelector('#page')).toBeNull();
    expect(TestBed.inject(Location).path()).toBe('/audit');
  });

  it('sends a signed-in user away from the login page', async () => {
    signIn();
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/login');
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('only follows same-site return addresses', () => {
    expect(safeReturnUrl('/audit?page=2')).toBe('/audit?page=2');
    expect(safeReturnUrl('https://evil.example/')).toBe('/');
    expect(safeReturnUrl('//evil.example/')).toBe('/');
    expect(safeReturnUrl('/login')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
  });
});
