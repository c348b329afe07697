import type { AuditChange } from '@tunedesk/contracts';

/** Fields holding personal data: the trail records that they changed, never their values. */
export const PERSONAL_FIELDS = new Set(['displayName', 'email', 'extension']);
const REDACTED = '[redacted]';

function comparable(value: unknown): string {
  return JSON.stringify(Array.isArray(value) ? [...value].sort() : (value ?? null));
}

/** The fields whose values differ between `before` and `after`, personal ones redacted. */
export function changedFields<T extends object>(before: Partial<T> | null, after: Partial<T>, fields: (keyof T & string)[]): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const b = before ? before[field] : undefined;
    const a = after[field];
    if (comparable(b) === comparable(a)) continue;
    changes.push(
      PERSONAL_FIELDS.has(field)
        ? { field, before: b == null ? null : REDACTED, after: a == null ? null : REDACTED }
        : { field, before: b ?? null, after: a ?? null },
    );
  }
  return changes;
}
