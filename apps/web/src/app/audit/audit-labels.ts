import type { AuditChange, AuditEventDto } from '@tunedesk/contracts';
import { cycleName } from '../i18n/cycle-name';
import type { I18nService } from '../i18n/i18n.service';
import { formatRocMonth } from '../reports/report-labels';

/** The object types the API records (AuditService.record's targetType), in the order the filter lists them. */
export const AUDIT_TARGET_TYPES = [
  'queue-cluster',
  'queue-review',
  'proposal',
  'proposal-list',
  'cycle',
  'report-import',
  'review-item',
  'review-items',
  'kb',
  'kb-item',
  'user',
  'account',
  'account-request',
  'unit',
  'routing-rule',
  'synonym',
  'import-profile',
  'calendar',
  'queue',
  'route',
] as const;

const MAX_VALUE_LENGTH = 40;
/** Fields whose values are unit codes, shown by name. */
const UNIT_FIELDS = new Set(['unitCode', 'parentCode', 'unit']);

/** What the labels need: words, unit names by code, cycles by id. */
export interface AuditNames {
  i18n: Pick<I18nService, 't' | 'tryT' | 'lang'>;
  unitName: (code: string) => string | undefined;
  cycle: (id: number) => { label: string; month: string | null } | undefined;
}

export function targetTypeLabel(type: string, i18n: AuditNames['i18n']): string {
  return i18n.tryT(`vocab.target.${type}`, type);
}

export function unitLabel(code: string | null | undefined, names: AuditNames): string {
  if (!code) return '';
  return names.unitName(code) ?? code;
}

/** 115年10月 for a month's cycle, its name otherwise, #id when the cycle is not known. */
function cycleText(id: string, names: AuditNames): string {
  const cycle = /^\d+$/.test(id) ? names.cycle(Number(id)) : undefined;
  if (!cycle) return `#${id}`;
  return cycle.month ? formatRocMonth(cycle.month, names.i18n.lang()) : cycleName(cycle.label, names.i18n);
}

/**
 * The object of an event as a person names it: 群組 #77, 資料檢視清單 115年10月／房屋稅科,
 * 調校週期 115年10月定期調校, 單位 房屋稅科, 使用者 #7（ht.lee）.
 */
export function describeTarget(event: Pick<AuditEventDto, 'targetType' | 'targetId' | 'targetLabel'>, names: AuditNames): string {
  const type = event.targetType;
  const id = event.targetId;
  if (!type) return '';
  const typeName = targetTypeLabel(type, names.i18n);
  if (!id) return typeName;
  const sep = names.i18n.lang() === 'zh-TW' ? '／' : ' / ';
  switch (type) {
    case 'proposal-list': {
      const [cycleId, unitCode] = id.split('/');
      return unitCode ? `${typeName} ${cycleText(cycleId, names)}${sep}${unitLabel(unitCode, names)}` : `${typeName} #${id}`;
    }
    case 'review-items': {
      const [cycleId, unitCode] = id.split('/');
      return unitCode ? `${typeName} ${cycleText(cycleId, names)}${sep}${unitLabel(unitCode, names)}` : `${typeName} #${id}`;
    }
    case 'cycle': {
      const cycle = /^\d+$/.test(id) ? names.cycle(Number(id)) : undefined;
      return cycle ? `${typeName} ${cycleName(cycle.label, names.i18n)}` : `${typeName} #${id}`;
    }
    case 'unit':
      return `${typeName} ${unitLabel(id, names)}`;
    case 'route':
      // "GET /api/dashboard/summary/:month": a path may break after each slash, never inside a segment.
      return `${typeName} ${id.replace(/\//g, '/\u200b')}`;
    case 'queue':
      return `${typeName} ${id === 'triage' ? names.i18n.t('vocab.target.triage') : unitLabel(id, names)}`;
    default: {
      const label = event.targetLabel ? (names.i18n.lang() === 'zh-TW' ? `（${event.targetLabel}）` : ` (${event.targetLabel})`) : '';
      return `${typeName} #${id}${label}`;
    }
  }
}

/** One value of a change, short enough for a table cell: null is ∅, lists are joined, long text is cut. */
export function formatChangeValue(value: unknown, name: (item: string) => string = (item) => item): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '∅';
  const text = Array.isArray(value)
    ? value.map((item) => (typeof item === 'string' ? name(item) : JSON.stringify(item))).join('、')
    : typeof value === 'string'
      ? name(value)
      : typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** "角色: 知識維護窗口 → 知識維護窗口、單位主管"; "單位: 房屋稅科 → 服務科". Without names, the raw field and values. */
export function formatChange(change: AuditChange, names?: AuditNames): string {
  if (!names) return `${change.field}: ${formatChangeValue(change.before)} → ${formatChangeValue(change.after)}`;
  const i18n = names.i18n;
  const field = i18n.tryT(`vocab.field.${change.field}`, change.field);
  const name = (item: string): string => {
    if (UNIT_FIELDS.has(change.field)) return unitLabel(item, names);
    if (change.field === 'roles') return i18n.tryT(`role.${item}`, item);
    return item;
  };
  const show = (value: unknown): string => {
    if (typeof value === 'boolean' && change.field === 'active') return i18n.t(value ? 'vocab.bool.true' : 'vocab.bool.false');
    return formatChangeValue(value, name);
  };
  return `${field}: ${show(change.before)} → ${show(change.after)}`;
}
