import type { Routes } from '@angular/router';

/** /proposals/…: the proposal form. Filled in by the proposal screens. */
export const proposalsRoutes: Routes = [];
