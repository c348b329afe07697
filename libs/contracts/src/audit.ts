/** Actions the audit trail records; stable strings that scripts and filters use. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login-failed',
  'auth.locked',
  'auth.logout',
  'auth.session-ended',
  'auth.password-changed',
  'access.denied',
  'user.create',
  'user.update',
  'user.password-reset',
  'user.unlock',
  'user.disabled-inactive',
  'profile.update',
  'unit.create',
  'unit.update',
  'unit.delete',
  'unit.import',
  'account-request.create',
  'account-request.approve',
  'account-request.reject',
  'account-request.cancel',
  'account-request.accept',
  'account-request.execute',
  'audit.export',
  'kb.import',
  'kb.export',
  'kb.status',
  'report.import',
  'report.cancel',
  'report.withdraw',
  'dashboard.send-back',
  'report.file-purged',
  'cycle.announce',
  'misses.export',
  'review-item.update',
  'queue.claim',
  'queue.release',
  'queue.close',
  'queue.reassign',
  'queue.merge',
  'cluster.split',
  'proposal.create',
  'proposal.update',
  'proposal.delete',
  'list.submit',
  'list.approve',
  'list.return',
  'kb.proposal-applied',
  'proposal.defer',
  'proposal.carry',
  'changeset.order',
  'changeset.export',
  'changeset.sent',
  'changeset.reconcile',
  'cycle.closed',
  'calendar.import',
  'tuning.profile.create',
  'tuning.profile.update',
  'tuning.profile.delete',
  'tuning.synonym.create',
  'tuning.synonym.update',
  'tuning.synonym.delete',
  'tuning.rule.create',
  'tuning.rule.update',
  'tuning.rule.delete',
  'audit.purge',
  'web-page.create',
  'web-page.update',
  'web-page.move',
  'web-page.retire',
  'web-page.import',
  'website-review.open',
  'website-review.row',
  'website-review.submit',
  'website-review.approve',
  'website-review.return',
  'website-review.complete',
  'website-review.purge',
  'website-correction.done',
  'website-correction.recheck',
  'website-correction.reopen',
  'website-correction.publish',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEventDto {
  id: number;
  /** UTC, ISO 8601; the web shows it in Asia/Taipei. */
  occurredAt: string;
  actorId: number | null;
  actorAccount: string | null;
  unitCode: string | null;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  /** A readable name for the target when there is one (a user's account), looked up when read. */
  targetLabel: string | null;
  changes: AuditChange[];
  detail: Record<string, unknown> | null;
  requestId: string | null;
  clientIp: string | null;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  unit?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  page?: number;
  pageSize?: number;
}

export interface AuditPageDto {
  items: AuditEventDto[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditVerifyDto {
  ok: boolean;
  checked: number;
  /** The id of the first row whose link or content does not match. */
  brokenAt: number | null;
  reason: 'content-changed' | 'link-broken' | null;
  /** Rows before this id were purged under the retention rule; checking starts after them. */
  startsAfterId: number | null;
  verifiedAt: string;
}

export const AUDIT_ROUTES = {
  list: '/api/audit',
  export: '/api/audit/export',
  verify: '/api/audit/verify',
} as const;
