import type { Routes } from '@angular/router';

/**
 * /proposals/…: the proposal form and each unit's 資料檢視清單. Under the
 * signed-in parent of app.routes; who may do what is decided on the pages and by the server.
 *
 * The list belongs at /cycles/:cycleId/lists/:unit (the server's notifications
 * link there); until app.routes sends that address here, it is /proposals/lists/:cycleId/:unit.
 */
export const proposalsRoutes: Routes = [
  {
    path: 'new',
    title: 'proposals.form.newTitleShort',
    loadComponent: () => import('./proposal-form-page.component').then((m) => m.ProposalFormPageComponent),
  },
  {
    path: 'lists/:cycleId/:unit',
    title: 'proposals.list.title',
    loadComponent: () => import('./list-page.component').then((m) => m.ListPageComponent),
  },
  {
    path: ':id/edit',
    title: 'proposals.form.editTitleShort',
    loadComponent: () => import('./proposal-form-page.component').then((m) => m.ProposalFormPageComponent),
  },
];
