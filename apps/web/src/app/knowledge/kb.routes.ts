import type { Routes } from '@angular/router';
import { roleGuard } from '../auth/auth.guards';
import { ADMIN_ROLES } from '../auth/roles';
import { kbImportProviders } from './kb-import.providers';

/** /kb/…: under the signed-in parent of app.routes, so the same guards apply. */
export const knowledgeRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'nav.kb',
    loadComponent: () => import('./kb-browser-page.component').then((m) => m.KbBrowserPageComponent),
  },
  {
    path: 'items/:id',
    title: 'kb.item.title',
    loadComponent: () => import('./kb-item-page.component').then((m) => m.KbItemPageComponent),
  },
  {
    path: 'health',
    title: 'kb.health.title',
    loadComponent: () => import('./kb-health-page.component').then((m) => m.KbHealthPageComponent),
  },
  {
    path: 'import',
    title: 'kb.import.title',
    canActivate: [roleGuard],
    data: { roles: ADMIN_ROLES },
    // Upload progress needs XMLHttpRequest (see kbImportProviders).
    providers: kbImportProviders,
    loadComponent: () => import('./kb-import-page.component').then((m) => m.KbImportPageComponent),
  },
];
