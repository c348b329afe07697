import type { Routes } from '@angular/router';

/** /dashboard/…: chatbot quality. */
export const dashboardRoutes: Routes = [
  {
    path: '',
    title: 'nav.dashboard',
    loadComponent: () => import('./quality-page.component').then((m) => m.QualityPageComponent),
  },
];
