import type { Routes } from '@angular/router';

/** /dashboard/…: chatbot quality, knowledge items, team progress, whether tuning worked, the monthly summary. */
export const dashboardRoutes: Routes = [
  {
    path: '',
    title: 'nav.dashboard',
    loadComponent: () => import('./quality-page.component').then((m) => m.QualityPageComponent),
  },
  {
    path: 'items',
    title: 'dashboard.tab.items',
    loadComponent: () => import('./items-page.component').then((m) => m.ItemsPageComponent),
  },
  {
    path: 'progress',
    title: 'dashboard.tab.progress',
    loadComponent: () => import('./progress-page.component').then((m) => m.ProgressPageComponent),
  },
  {
    path: 'effect',
    title: 'dashboard.tab.effect',
    loadComponent: () => import('./effect-page.component').then((m) => m.EffectPageComponent),
  },
  {
    path: 'summary',
    title: 'dashboard.tab.summary',
    loadComponent: () => import('./summary-page.component').then((m) => m.SummaryPageComponent),
  },
];
