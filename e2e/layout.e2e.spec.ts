import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { demoPasswords, launchChromium } from './support/browser';
import { ROOT, RunningProcess, startApi, tempDir } from './support/processes';

/**
 * Every page fits at 1366 × 768: opens each page of the app as each role and fails when
 *  - the document, the main content area or a card is wider than its box (it scrolls sideways, or its content sticks out);
 *  - a scrolling box inside the content scrolls sideways — allowed only for a table wrapper whose table keeps its
 *    identifying first column sticky (position: sticky), so the reader always sees which row is which;
 *  - a button or action link's label breaks inside a word (編/輯, 顯示數/據表, "Comp/leted"): a line break inside a
 *    label is allowed only at a space between two words;
 *  - a table header breaks inside a word (指/派, 已完/成), or any table cell breaks a Latin word in the middle.
 * Offenders are listed with page, role, language, selector and widths (and written to e2e/artifacts/layout-report.json).
 */

const ARTIFACTS = join(ROOT, 'e2e/artifacts');
const VIEWPORT = { width: 1366, height: 768 };
const NEW_PASSWORD = 'Layout-Check#2026x';

const ALL_ROLES = [
  { account: 'ht.lee', role: 'knowledge contact' },
  { account: 'ht.head', role: 'unit head' },
  { account: 'leader', role: 'group leader' },
  { account: 'svc.chen', role: 'service section' },
  { account: 'legal.audit', role: 'auditor' },
  { account: 'admin', role: 'system administrator' },
] as const;

/** Languages checked for every role: zh-TW is the first language, English must fit as well (it is longer). */
const ALL_LANGS = ['zh-TW', 'en'] as const;

/**
 * For a quick look while fixing one page: LAYOUT_ACCOUNTS=admin LAYOUT_LANGS=en LAYOUT_PAGES=/audit,/status
 * (comma-separated). Unset, as in CI, everything is checked.
 */
const only = (name: string) =>
  process.env[name]
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const ROLES = ALL_ROLES.filter(({ account }) => !only('LAYOUT_ACCOUNTS') || only('LAYOUT_ACCOUNTS')!.includes(account));
const LANGS = ALL_LANGS.filter((lang) => !only('LAYOUT_LANGS') || only('LAYOUT_LANGS')!.includes(lang));

interface Ids {
  kbItem: string;
  importId: number;
  cycleId: number;
  clusterId: number;
  queueKind: string;
  queueId: number;
  listUnit: string;
  proposalId: number;
  requestId: number;
  reviewId: number;
}

/** Every page of the app (app.routes.ts and each feature's *.routes.ts), parameterised routes with real ids from the demo. */
function pagesOf(ids: Ids): string[] {
  return [
    '/',
    '/units',
    '/kb',
    `/kb/items/${ids.kbItem}`,
    '/kb/health',
    '/kb/import',
    '/reports',
    `/reports/imports/${ids.importId}`,
    '/cycles',
    `/cycles/${ids.cycleId}`,
    `/cycles/${ids.cycleId}/clusters/${ids.clusterId}`,
    '/queue',
    `/queue/${ids.queueKind}/${ids.queueId}`,
    '/proposals/new',
    `/proposals/lists/${ids.cycleId}/${ids.listUnit}`,
    `/proposals/${ids.proposalId}/edit`,
    '/dashboard',
    '/dashboard/items',
    '/dashboard/progress',
    '/dashboard/effect',
    '/dashboard/summary',
    `/consolidation/${ids.cycleId}`,
    '/tuning',
    '/status',
    '/profile',
    '/admin/users',
    '/admin/units',
    '/audit',
    '/account-requests',
    '/account-requests/new',
    `/account-requests/${ids.requestId}`,
    `/account-requests/${ids.requestId}/print`,
    '/website',
    '/website/pages',
    `/website/reviews/${ids.reviewId}`,
    `/website/reviews/${ids.reviewId}/print`,
    '/website/corrections',
    '/website/compliance',
    '/duties',
    '/forbidden',
    '/no-such-page',
  ];
}

export interface Offender {
  kind: 'document-scroll' | 'box-overflow' | 'inner-scroll' | 'label-break' | 'header-break' | 'word-break';
  selector: string;
  scrollWidth?: number;
  clientWidth?: number;
  text?: string;
  lines?: string[];
}

/**
 * Runs inside the page. Kept free of closures over Node values: Playwright serialises it.
 * Returns what does not fit, and the allowed sticky table scrollers (for the report).
 */
export function measureLayout(): { offenders: Offender[]; allowedScrollers: string[] } {
  const offenders: Offender[] = [];
  const allowedScrollers: string[] = [];

  const visible = (el: Element): boolean => {
    const rects = el.getClientRects();
    if (!rects.length) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  const describe = (el: Element): string => {
    const parts: string[] = [];
    let node: Element | null = el;
    while (node && node !== document.body && parts.length < 4) {
      let part = node.tagName.toLowerCase();
      const testId = node.getAttribute('data-testid');
      if (testId) part += `[data-testid="${testId}"]`;
      else if (node.id) part += `#${node.id}`;
      else {
        const classes = [...node.classList].filter((c) => !c.startsWith('ng-') && !c.startsWith('cdk-')).slice(0, 2);
        if (classes.length) part += `.${classes.join('.')}`;
      }
      parts.unshift(part);
      if (testId || node.id) break;
      node = node.parentElement;
    }
    return parts.join(' > ');
  };
  const short = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 60);

  // 1. The document itself.
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1)
    offenders.push({ kind: 'document-scroll', selector: 'html', scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth });

  // 2. The main content area and every card: their content must fit their box.
  const boxes = document.querySelectorAll('main, .main, .mat-drawer-content, .mat-mdc-card, mat-card, [data-layout-box]');
  for (const box of boxes) {
    if (!visible(box)) continue;
    if (box.scrollWidth > box.clientWidth + 1)
      offenders.push({ kind: 'box-overflow', selector: describe(box), scrollWidth: box.scrollWidth, clientWidth: box.clientWidth });
  }

  // 3. Boxes inside the content that scroll sideways: only a table wrapper with a sticky first column may.
  const main = document.querySelector('main') ?? document.body;
  for (const el of main.querySelectorAll('*')) {
    if (el instanceof SVGElement || !visible(el)) continue;
    const overflowX = getComputedStyle(el).overflowX;
    if (overflowX !== 'auto' && overflowX !== 'scroll') continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    const firstCell = el.querySelector('tbody tr > :first-child, mat-row > :first-child, tr.mat-mdc-row > :first-child');
    const stickyFirst = !!firstCell && getComputedStyle(firstCell).position === 'sticky';
    if (stickyFirst) allowedScrollers.push(`${describe(el)} (${el.scrollWidth}/${el.clientWidth})`);
    else offenders.push({ kind: 'inner-scroll', selector: describe(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
  }

  /** The text of an element split into rendered lines (by the top of each character's box), leaving icons out. */
  const renderedLines = (el: Element): { chars: string; top: number }[] => {
    // Quick look first: a label on one line needs no character-by-character measuring.
    const whole = document.createRange();
    whole.selectNodeContents(el);
    const tops = [...whole.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
    if (tops.length < 2 || Math.max(...tops) - Math.min(...tops) < 4) return [{ chars: el.textContent ?? '', top: 0 }];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) =>
        n.parentElement?.closest('mat-icon, .mat-icon, .material-icons, .visually-hidden, .cdk-visually-hidden, [aria-hidden="true"]')
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    const chars: { ch: string; top: number; height: number }[] = [];
    const range = document.createRange();
    const inline = (el: Element | null) => !!el && getComputedStyle(el).display.startsWith('inline');
    let previousParent: Element | null = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      // Two blocks (a name above its unit) meet at a boundary, not inside a word.
      const parent = n.parentElement;
      if (previousParent && parent !== previousParent && (!inline(parent) || !inline(previousParent)))
        chars.push({ ch: ' ', top: NaN, height: 0 });
      previousParent = parent;
      for (let i = 0; i < text.length; i++) {
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || rect.width === 0) {
          chars.push({ ch: text[i], top: NaN, height: 0 });
          continue;
        }
        chars.push({ ch: text[i], top: rect.top, height: rect.height });
      }
    }
    const lines: { chars: string; top: number }[] = [];
    for (const c of chars) {
      if (Number.isNaN(c.top)) {
        if (lines.length) lines[lines.length - 1].chars += c.ch;
        continue;
      }
      const last = lines[lines.length - 1];
      // A new line starts when a character sits clearly below the previous one (half a line or more).
      if (!last || c.top > last.top + Math.max(4, c.height / 2)) lines.push({ chars: c.ch, top: c.top });
      else last.chars += c.ch;
    }
    return lines;
  };
  /** True when a break between two lines falls inside a word: no space on either side of it. */
  const breaksInsideWord = (lines: { chars: string }[]): boolean =>
    lines.some((line, i) => i > 0 && !/\s$/.test(lines[i - 1].chars) && !/^\s/.test(line.chars) && lines[i - 1].chars.trim() !== '');
  const latinWordSplit = (lines: { chars: string }[]): boolean =>
    lines.some((line, i) => i > 0 && /[A-Za-z]$/.test(lines[i - 1].chars) && /^[A-Za-z]/.test(line.chars));

  // 4. Button and action-link labels: one line, or breaks only between words.
  const buttons = document.querySelectorAll(
    'button, a.mdc-button, a.mat-mdc-button-base, .mat-mdc-button-base, [role="button"], .mat-mdc-tab, .mdc-tab, mat-button-toggle',
  );
  const seen = new Set<Element>();
  for (const button of buttons) {
    if (seen.has(button) || !visible(button)) continue;
    seen.add(button);
    const lines = renderedLines(button).filter((l) => l.chars.trim() !== '');
    if (lines.length > 1 && breaksInsideWord(lines))
      offenders.push({
        kind: 'label-break',
        selector: describe(button),
        text: short(button.textContent ?? ''),
        lines: lines.map((l) => l.chars.trim()),
      });
  }

  // 5. Table headers (a term each) must not break inside a word; no cell may split a Latin word.
  for (const cell of main.querySelectorAll('th, td, .mat-mdc-header-cell, .mat-mdc-cell')) {
    if (!visible(cell)) continue;
    const isHeader = cell.tagName === 'TH' || cell.classList.contains('mat-mdc-header-cell');
    const lines = renderedLines(cell).filter((l) => l.chars.trim() !== '');
    if (lines.length < 2) continue;
    if (isHeader && cell.closest('thead, .mat-mdc-header-row') && breaksInsideWord(lines))
      offenders.push({
        kind: 'header-break',
        selector: describe(cell),
        text: short(cell.textContent ?? ''),
        lines: lines.map((l) => l.chars.trim()),
      });
    else if (latinWordSplit(lines))
      offenders.push({
        kind: 'word-break',
        selector: describe(cell),
        text: short(cell.textContent ?? ''),
        lines: lines.map((l) => l.chars.trim()),
      });
  }

  return { offenders, allowedScrollers };
}

async function json<T>(api: APIRequestContext, path: string): Promise<T> {
  const res = await api.get(path);
  if (!res.ok()) throw new Error(`${path}: HTTP ${res.status()}`);
  return (await res.json()) as T;
}

describe('every page fits at 1366 × 768, for every role', () => {
  const tmp = tempDir();
  let api: RunningProcess & { url: string };
  let browser: Browser;
  let passwords: Map<string, string>;
  let ids: Ids;
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
  const report: { role: string; account: string; lang: string; page: string; offenders: Offender[]; allowedScrollers: string[] }[] = [];

  async function signIn(account: string): Promise<void> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-TW' });
    try {
      const page = await context.newPage();
      await page.goto(`${api.url}/login`);
      await page.getByTestId('login-account').fill(account);
      await page.getByTestId('login-password').fill(passwords.get(account)!);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('pw-current').fill(passwords.get(account)!);
      await page.getByTestId('pw-new').fill(NEW_PASSWORD);
      await page.getByTestId('pw-confirm').fill(NEW_PASSWORD);
      await page.getByTestId('pw-submit').click();
      await page.waitForURL((url) => url.pathname === '/');
      sessions.set(account, await context.storageState());
    } finally {
      await context.close();
    }
  }

  /** Requests the page has started and not yet finished (or failed), counted from the browser's own events. */
  const inFlight = new WeakMap<Page, number>();
  function track(page: Page): void {
    inFlight.set(page, 0);
    page.on('request', () => inFlight.set(page, inFlight.get(page)! + 1));
    page.on('requestfinished', () => inFlight.set(page, inFlight.get(page)! - 1));
    page.on('requestfailed', () => inFlight.set(page, inFlight.get(page)! - 1));
  }

  const frames = (page: Page) =>
    page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

  /**
   * Waits until the page has drawn its data: no request in flight across two painted frames, no spinner, fonts loaded.
   * (Counting requests instead of Playwright's 'networkidle', which always waits a further 500 ms per page.)
   */
  async function settle(page: Page): Promise<void> {
    await page.locator('main').waitFor({ state: 'attached' });
    for (let quiet = 0; quiet < 2;) {
      if (inFlight.get(page)! > 0) {
        quiet = 0;
        await page.waitForEvent('requestfinished', { timeout: 20_000 }).catch(() => undefined);
        continue;
      }
      await frames(page);
      quiet = inFlight.get(page)! > 0 ? 0 : quiet + 1;
    }
    await page.waitForFunction(
      () =>
        document.fonts.status === 'loaded' &&
        !document.querySelector(
          'main .state--loading, main mat-spinner, main mat-progress-spinner[mode="indeterminate"], main [role="progressbar"][mode="indeterminate"]',
        ),
      undefined,
      { timeout: 20_000 },
    );
    await frames(page);
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi({ DATABASE_URL: `sqlite:${join(tmp.dir, 'layout.sqlite')}`, SEED_DEMO: 'true' });
    passwords = demoPasswords(api.output());
    browser = await launchChromium();
    // The ids are read as the service section and the contact, so they sign in whatever the filter.
    for (const account of new Set<string>(['svc.chen', 'ht.lee', ...ROLES.map((r) => r.account)])) await signIn(account);

    // Real ids from the demo, read as the service section (who sees every unit's work).
    const reader = await browser.newContext({ storageState: sessions.get('svc.chen') });
    try {
      const request = reader.request;
      const base = api.url;
      const cycles = await json<{ id: number; kind: string; announcedAt: string | null }[]>(request, `${base}/api/cycles`);
      const cycle = cycles.filter((c) => c.kind === 'regular' && c.announcedAt).sort((a, b) => b.id - a.id)[0];
      const clusters = await json<{ id: number }[]>(request, `${base}/api/cycles/${cycle.id}/clusters`);
      const imports = await json<{ id: number }[]>(request, `${base}/api/reports/imports`);
      const kb = await json<{ items: { id: string }[] }>(request, `${base}/api/kb/items`);
      const list = await json<{ unitCode: string; proposals: { id: number }[] }>(request, `${base}/api/cycles/${cycle.id}/lists/HT`);
      const requests = await json<{ id: number }[]>(request, `${base}/api/account-requests`);
      // The house tax section's form of the month: a correction waiting for its re-check.
      const reviews = await json<{ id: number; unitCode: string; month: string }[]>(request, `${base}/api/website/reviews`);
      const review = reviews.filter((r) => r.unitCode === 'HT').sort((a, b) => b.month.localeCompare(a.month))[0];
      const contact = await browser.newContext({ storageState: sessions.get('ht.lee') });
      const queue = await json<{ id: number; kind: string }[]>(contact.request, `${base}/api/queue`);
      await contact.close();
      ids = {
        kbItem: kb.items[0].id,
        importId: imports[0].id,
        cycleId: cycle.id,
        clusterId: clusters[0].id,
        queueKind: queue[0]?.kind ?? 'cluster',
        queueId: queue[0]?.id ?? clusters[0].id,
        listUnit: list.unitCode,
        proposalId: list.proposals[0].id,
        requestId: requests[0].id,
        reviewId: review.id,
      };
    } finally {
      await reader.close();
    }
  }, 180_000);

  afterAll(async () => {
    writeFileSync(join(ARTIFACTS, 'layout-report.json'), JSON.stringify(report, null, 2));
    await browser?.close();
    await api?.stop();
    tmp.cleanup();
  }, 30_000);

  for (const { account, role } of ROLES)
    for (const lang of LANGS)
      it(`${role} (${account}), ${lang}: no page scrolls sideways, no card overflows, no label breaks inside a word`, async () => {
        const context = await browser.newContext({ viewport: VIEWPORT, locale: lang, storageState: sessions.get(account) });
        await context.addInitScript((l) => window.localStorage.setItem('td.lang', l), lang);
        const found: string[] = [];
        try {
          const page = await context.newPage();
          track(page);
          const pages = pagesOf(ids).filter((path) => !only('LAYOUT_PAGES') || only('LAYOUT_PAGES')!.includes(path));
          for (const path of pages) {
            await page.goto(`${api.url}${path}`);
            await settle(page);
            const { offenders, allowedScrollers } = await page.evaluate(measureLayout);
            report.push({ role, account, lang, page: path, offenders, allowedScrollers });
            for (const o of offenders) {
              const widths = o.scrollWidth !== undefined ? ` scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth}` : '';
              const lines = o.lines ? ` «${o.text}» rendered as ${JSON.stringify(o.lines)}` : '';
              found.push(`${path} [${role} ${account} ${lang}] ${o.kind}: ${o.selector}${widths}${lines}`);
            }
            if (offenders.length)
              await page.screenshot({
                path: join(ARTIFACTS, `layout-${account}-${lang}-${path.replace(/\W+/g, '_')}.png`),
                fullPage: true,
              });
          }
        } finally {
          await context.close();
        }
        expect(found).toEqual([]);
      }, 300_000);
});
