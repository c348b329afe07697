import type { Routes } from '@angular/router';

/** /queue/…: a contact's queue and the group leader's triage queue. */
export const queueRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'nav.queue',
    loadComponent: () => import('./queue-page.component').then((m) => m.QueuePageComponent),
  },
  {
    path: ':kind/:id',
    title: 'queue.item.title',
    loadComponent: () => import('./queue-item-page.component').then((m) => m.QueueItemPageComponent),
  },
];
