import type { Routes } from '@angular/router';
import { roleGuard } from '../auth/auth.guards';
import { CONSOLIDATION_READER_ROLES } from './consolidation.api';

/** /consolidation/:cycleId — the service section's consolidation page (服務科彙整). Under the signed-in parent of app.routes. */
export const consolidationRoutes: Routes = [
  {
    path: ':cycleId',
    title: 'consolidation.title',
    canActivate: [roleGuard],
    data: { roles: CONSOLIDATION_READER_ROLES },
    loadComponent: () => import('./consolidation-page.component').then((m) => m.ConsolidationPageComponent),
  },
];
