import type { Routes } from '@angular/router';
import { authGuard, guestGuard, passwordChangeGuard, roleGuard } from './auth/auth.guards';
import { ADMIN_ROLES, AUDIT_ROLES, TUNING_READER_ROLES, USER_READER_ROLES } from './auth/roles';

/** `title` holds a message key; TranslatedTitleStrategy turns it into the tab title. */
export const routes: Routes = [
  {
    path: 'login',
    title: 'nav.login',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/login-page.component').then((m) => m.LoginPageComponent),
  },
  {
    path: 'password',
    title: 'nav.password',
    canActivate: [authGuard],
    loadComponent: () => import('./auth/password-page.component').then((m) => m.PasswordPageComponent),
  },
  {
    path: '',
    canActivateChild: [authGuard, passwordChangeGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'nav.overview',
        loadComponent: () => import('./overview/overview.component').then((m) => m.OverviewComponent),
      },
      {
        path: 'approvals',
        title: 'home.toSign.title',
        loadComponent: () => import('./overview/to-sign-page.component').then((m) => m.ToSignPageComponent),
      },
      { path: 'units', title: 'nav.units', loadComponent: () => import('./org/units-page.component').then((m) => m.UnitsPageComponent) },
      {
        path: 'kb',
        loadChildren: () => import('./knowledge/kb.routes').then((m) => m.knowledgeRoutes),
      },
      {
        path: 'reports',
        loadChildren: () => import('./reports/reports.routes').then((m) => m.reportsRoutes),
      },
      {
        path: 'cycles',
        loadChildren: () => import('./reports/reports.routes').then((m) => m.cyclesRoutes),
      },
      {
        path: 'queue',
        loadChildren: () => import('./queue/queue.routes').then((m) => m.queueRoutes),
      },
      {
        path: 'proposals',
        loadChildren: () => import('./proposals/proposals.routes').then((m) => m.proposalsRoutes),
      },
      { path: 'cycles/:cycleId/lists/:unit', redirectTo: '/proposals/lists/:cycleId/:unit' },
      {
        path: 'dashboard',
        loadChildren: () => import('./dashboard/dashboard.routes').then((m) => m.dashboardRoutes),
      },
      {
        path: 'website',
        loadChildren: () => import('./website/website.routes').then((m) => m.websiteRoutes),
      },
      {
        path: 'consolidation',
        loadChildren: () => import('./consolidation/consolidation.routes').then((m) => m.consolidationRoutes),
      },
      {
        path: 'tuning',
        title: 'nav.tuning',
        canActivate: [roleGuard],
        data: { roles: TUNING_READER_ROLES },
        loadComponent: () => import('./tuning/tuning-settings-page.component').then((m) => m.TuningSettingsPageComponent),
      },
      {
        path: 'status',
        title: 'nav.health',
        loadComponent: () => import('./health/status-page.component').then((m) => m.StatusPageComponent),
      },
      {
        path: 'profile',
        title: 'nav.profile',
        loadComponent: () => import('./auth/profile-page.component').then((m) => m.ProfilePageComponent),
      },
      {
        path: 'admin/users',
        title: 'nav.users',
        canActivate: [roleGuard],
        data: { roles: USER_READER_ROLES },
        loadComponent: () => import('./admin/users/users-page.component').then((m) => m.UsersPageComponent),
      },
      {
        path: 'admin/units',
        title: 'nav.units',
        canActivate: [roleGuard],
        data: { roles: ADMIN_ROLES },
        loadComponent: () => import('./admin/units/units-admin-page.component').then((m) => m.UnitsAdminPageComponent),
      },
      {
        path: 'audit',
        title: 'nav.audit',
        canActivate: [roleGuard],
        data: { roles: AUDIT_ROLES },
        loadComponent: () => import('./audit/audit-page.component').then((m) => m.AuditPageComponent),
      },
      {
        path: 'duties',
        title: 'nav.duties',
        loadComponent: () => import('./duties/duties-page.component').then((m) => m.DutiesPageComponent),
      },
      {
        path: 'account-requests',
        title: 'nav.accountRequests',
        loadComponent: () => import('./account-requests/request-list-page.component').then((m) => m.RequestListPageComponent),
      },
      {
        path: 'account-requests/new',
        title: 'requests.new.title',
        loadComponent: () => import('./account-requests/request-form-page.component').then((m) => m.RequestFormPageComponent),
      },
      {
        path: 'account-requests/:id',
        title: 'requests.detail.title',
        loadComponent: () => import('./account-requests/request-detail-page.component').then((m) => m.RequestDetailPageComponent),
      },
      {
        path: 'account-requests/:id/print',
        title: 'requests.print.title',
        loadComponent: () => import('./account-requests/request-print-page.component').then((m) => m.RequestPrintPageComponent),
      },
      {
        path: 'forbidden',
        title: 'nav.forbidden',
        loadComponent: () => import('./forbidden/forbidden.component').then((m) => m.ForbiddenComponent),
      },
    ],
  },
  { path: '**', title: 'nav.notFound', loadComponent: () => import('./not-found/not-found.component').then((m) => m.NotFoundComponent) },
];
