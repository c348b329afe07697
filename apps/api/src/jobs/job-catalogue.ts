/**
 * The typed job catalogue: every background job has a name here, a payload
 * type, and exactly one processor (checked at startup).
 */
export enum JobName {
  /** Round trip through the job pipeline, started from the system-status page. */
  SystemSelfTest = 'system-self-test',
  /** Daily: disables accounts unused for ACCOUNT_INACTIVE_DAYS. */
  AccountsDisableInactive = 'accounts-disable-inactive',
  /** Daily: deletes audit rows past AUDIT_RETENTION_DAYS and records the deletion. */
  AuditPurge = 'audit-purge',
  /** Hourly: applies accepted account requests (附件四) whose effective date has come. */
  AccountRequestsApply = 'account-requests-apply',
  /** Streams one uploaded report into messages, then builds the month's clusters and queues. */
  ReportImport = 'report-import',
  /** Daily: deadline reminders of announced cycles, on the office calendar. */
  CycleReminders = 'cycle-reminders',
  /** Hourly (and soon after each notice): the e-mail copies of notices. */
  MailOutbox = 'mail-outbox',
  /** On request: checks the website inventory's URLs (status, redirect, time) for the review form. */
  WebsiteLinkCheck = 'website.link-check',
  /** Daily: opens the month's website review forms on its first workday, and sends their deadline reminders. */
  WebsiteReviewDaily = 'website-review-daily',
  /** Daily: purges website review forms, tickets and their history past WEBSITE_RETENTION_DAYS. */
  WebsiteRetention = 'website-retention',
}

export interface JobPayloads {
  [JobName.SystemSelfTest]: { requestedBy: string; failTimes?: number };
  [JobName.AccountsDisableInactive]: { period: string };
  [JobName.AuditPurge]: { period: string };
  [JobName.AccountRequestsApply]: { period: string };
  [JobName.ReportImport]: { importId: number };
  [JobName.CycleReminders]: { period: string };
  [JobName.MailOutbox]: { period: string };
  [JobName.WebsiteLinkCheck]: { urls: string[]; timeoutMs?: number; concurrency?: number };
  [JobName.WebsiteReviewDaily]: { period: string };
  [JobName.WebsiteRetention]: { period: string };
}

export type JobRequest = { [N in JobName]: { name: N; data: JobPayloads[N]; key: string } }[JobName];

/** Retries: the same for BullMQ and the in-process runner. */
export const JOB_ATTEMPTS = 3;
export const JOB_BACKOFF_MS = 500;
/** Bounded retention in Redis; the job_run table keeps what users see. */
export const JOB_KEEP_COMPLETED = 1000;
export const JOB_KEEP_FAILED = 5000;

/**
 * Job ids are derived from what the job is about (an import id, a chunk), so a
 * retry or a duplicate enqueue does no harm. BullMQ reserves ':' in its keys.
 */
export function jobId(name: JobName, key: string): string {
  const safeKey = key.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (!safeKey) throw new Error(`jobId: empty key for ${name}`);
  return `${name}.${safeKey}`;
}

export interface JobContext {
  jobId: string;
  attempt: number;
  /** 0–100; stored in job_run so users see it. */
  progress(percent: number): Promise<void>;
}

export interface JobProcessor<N extends JobName = JobName> {
  process(data: JobPayloads[N], context: JobContext): Promise<unknown>;
}

/** A job failure the user should read (stable code), as opposed to a crash. */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Startup check: every job name has exactly one processor, and no processor names an unknown job. */
export function checkCatalogue(registered: { name: string; processor: string }[], names: readonly string[] = Object.values(JobName)): void {
  const problems: string[] = [];
  for (const name of names) {
    const found = registered.filter((r) => r.name === name);
    if (found.length === 0) problems.push(`job "${name}" has no processor`);
    if (found.length > 1) problems.push(`job "${name}" has ${found.length} processors: ${found.map((f) => f.processor).join(', ')}`);
  }
  for (const r of registered) if (!names.includes(r.name)) problems.push(`processor ${r.processor} handles unknown job "${r.name}"`);
  if (problems.length) throw new Error(`Job catalogue check failed: ${problems.join('; ')}`);
}
