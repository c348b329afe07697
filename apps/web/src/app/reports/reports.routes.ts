import type { Routes } from '@angular/router';
import { kbImportProviders } from '../knowledge/kb-import.providers';

/** /reports/…: under the signed-in parent of app.routes, so the same guards apply. Uploading is limited by role inside the page. */
export const reportsRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'nav.reports',
    // Upload progress needs XMLHttpRequest: the same route HttpClient as the bank import.
    providers: kbImportProviders,
    loadComponent: () => import('./report-imports-page.component').then((m) => m.ReportImportsPageComponent),
  },
  {
    path: 'imports/:id',
    title: 'reports.import.title',
    loadComponent: () => import('./report-import-page.component').then((m) => m.ReportImportPageComponent),
  },
];

/** /cycles/…: the tuning cycles and the misses explorer. */
export const cyclesRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'nav.cycles',
    loadComponent: () => import('./cycles-page.component').then((m) => m.CyclesPageComponent),
  },
  {
    path: ':id',
    title: 'nav.cycles',
    loadComponent: () => import('./cycle-page.component').then((m) => m.CyclePageComponent),
  },
  {
    path: ':id/clusters/:clusterId',
    title: 'clusters.detail.title',
    loadComponent: () => import('./cluster-page.component').then((m) => m.ClusterPageComponent),
  },
];
