import type { Routes } from '@angular/router';

/** /queue/…: a contact's queue and the group leader's triage queue. Filled in by the queue screens. */
export const queueRoutes: Routes = [];
