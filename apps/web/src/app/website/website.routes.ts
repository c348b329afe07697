import type { Routes } from '@angular/router';
import { roleGuard } from '../auth/auth.guards';
import { WEBSITE_COMPLIANCE_ROLES } from '../auth/roles';

/** /website/…: the monthly website review (附件三), the page inventory, corrections and compliance. */
export const websiteRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'nav.website',
    loadComponent: () => import('./website-home-page.component').then((m) => m.WebsiteHomePageComponent),
  },
  {
    path: 'pages',
    title: 'website.pages.title',
    loadComponent: () => import('./pages-page.component').then((m) => m.PagesPageComponent),
  },
  {
    path: 'reviews/:id',
    title: 'website.review.title',
    loadComponent: () => import('./review-page.component').then((m) => m.ReviewPageComponent),
  },
  {
    path: 'reviews/:id/print',
    title: 'website.print.title',
    loadComponent: () => import('./review-print-page.component').then((m) => m.ReviewPrintPageComponent),
  },
  {
    path: 'corrections',
    title: 'website.corrections.title',
    loadComponent: () => import('./corrections-page.component').then((m) => m.CorrectionsPageComponent),
  },
  {
    path: 'compliance',
    title: 'website.compliance.title',
    canActivate: [roleGuard],
    data: { roles: WEBSITE_COMPLIANCE_ROLES },
    loadComponent: () => import('./compliance-page.component').then((m) => m.CompliancePageComponent),
  },
];
