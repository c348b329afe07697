import type { Routes } from '@angular/router';

/** `title` holds a message key; TranslatedTitleStrategy turns it into the tab title. */
export const routes: Routes = [
  { path: '', title: 'nav.overview', loadComponent: () => import('./overview/overview.component').then((m) => m.OverviewComponent) },
  { path: 'units', title: 'nav.units', loadComponent: () => import('./org/units-page.component').then((m) => m.UnitsPageComponent) },
  { path: 'status', title: 'nav.health', loadComponent: () => import('./health/status-page.component').then((m) => m.StatusPageComponent) },
  { path: '**', title: 'nav.notFound', loadComponent: () => import('./not-found/not-found.component').then((m) => m.NotFoundComponent) },
];
