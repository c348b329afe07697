import type { Routes } from '@angular/router';

/** /dashboard/…: chatbot quality. Filled in by the dashboard screens. */
export const dashboardRoutes: Routes = [];
