import type { ComplianceGridDto, CorrectionStatus, ReviewFormStatus, ReviewFormSummaryDto, WebPageDto } from '@tunedesk/contracts';
import { taipeiDateOf } from '@tunedesk/domain/dates';
import type { Lang } from '../i18n/i18n.service';

export type Timeliness = ReviewFormSummaryDto['timeliness'] | ComplianceGridDto['units'][number]['cells'][number]['timeliness'];

export const FORM_STATUS_BADGE: Record<ReviewFormStatus, string> = {
  draft: 'td-badge--muted',
  submitted: 'td-badge--warning',
  returned: 'td-badge--error',
  filed: 'td-badge--ok',
  correcting: 'td-badge--info',
  complete: 'td-badge--ok',
};

export const CORRECTION_STATUS_BADGE: Record<CorrectionStatus, string> = {
  open: 'td-badge--error',
  done: 'td-badge--warning',
  rechecked: 'td-badge--info',
  published: 'td-badge--ok',
};

export const CORRECTION_STATUSES: readonly CorrectionStatus[] = ['open', 'done', 'rechecked', 'published'];

export const TIMELINESS_BADGE: Record<Timeliness, string> = {
  'on-time': 'td-badge--ok',
  late: 'td-badge--warning',
  overdue: 'td-badge--error',
  pending: 'td-badge--muted',
  missing: 'td-badge--error',
};

/** `2026-12` → 115年12月 (zh-TW) or 2026-12 (English). */
export function formatMonth(month: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return lang === 'zh-TW' ? `${Number(match[1]) - 1911}年${Number(match[2])}月` : month;
}

/** The Taipei calendar month of an instant, as YYYY-MM. */
export function monthOf(now: Date): string {
  const day = taipeiDateOf(now);
  return `${day.year}-${String(day.month).padStart(2, '0')}`;
}

/** A month `delta` months from `month` (YYYY-MM). */
export function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number);
  const index = year * 12 + (mon - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export interface PageTreeNode {
  /** The menu path up to and including this level, joined by ' › ' (stable for tracking and expansion). */
  key: string;
  label: string;
  depth: number;
  pages: WebPageDto[];
  children: PageTreeNode[];
  /** Pages at and below this level. */
  total: number;
}

export const PATH_SEPARATOR = ' › ';

/**
 * The inventory as the site's menu: one node per menu level; a page sits on the
 * node of its full menu path. Levels and pages keep the inventory's order.
 */
export function buildPageTree(pages: readonly WebPageDto[]): PageTreeNode[] {
  const root: PageTreeNode = { key: '', label: '', depth: -1, pages: [], children: [], total: 0 };
  for (const page of pages) {
    let node = root;
    node.total++;
    page.menuPath.forEach((label, depth) => {
      const key = page.menuPath.slice(0, depth + 1).join(PATH_SEPARATOR);
      let child = node.children.find((candidate) => candidate.label === label);
      if (!child) {
        child = { key, label, depth, pages: [], children: [], total: 0 };
        node.children.push(child);
      }
      child.total++;
      node = child;
    });
    node.pages.push(page);
  }
  return root.children;
}

export function matchesPage(page: WebPageDto, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [page.pageId, page.title, page.url, page.ownerUnitName, page.ownerUnitCode, ...page.menuPath].some((text) =>
    text.toLowerCase().includes(q),
  );
}
