import { AccountRequestsModule } from './account-requests/account-requests.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { OrgModule } from './org/org.module';
import { ReportsModule } from './reports/reports.module';
import { NotificationsModule } from './notifications/notifications.module';
import { TuningModule } from './tuning/tuning.module';
import { ProposalsModule } from './proposals/proposals.module';
import { CalendarModule } from './calendar/calendar.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DutiesModule } from './duties/duties.module';
import { WebsiteModule } from './website/website.module';

/** Feature modules, the same in the api, the worker (their job processors) and the CLI. */
export const FEATURE_MODULES = [
  AuditModule,
  OrgModule,
  AuthModule,
  AccountRequestsModule,
  CalendarModule,
  KnowledgeModule,
  TuningModule,
  NotificationsModule,
  ReportsModule,
  ProposalsModule,
  DashboardModule,
  DutiesModule,
  WebsiteModule,
  HealthModule,
];
