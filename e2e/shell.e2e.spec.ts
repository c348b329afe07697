import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { demoPasswords, launchChromium } from './support/browser';
import { ROOT, RunningProcess, startApi, tempDir } from './support/processes';

const ARTIFACTS = join(ROOT, 'e2e/artifacts');

describe('the dashboard in a real browser', () => {
  const tmp = tempDir();
  let api: RunningProcess & { url: string };
  let browser: Browser;
  let passwords: Map<string, string>;
  const contexts: BrowserContext[] = [];

  /** One open page at a time: headless Chromium stops animation frames in pages behind the front one. */
  async function newPage(): Promise<Page> {
    while (contexts.length) await contexts.pop()!.close();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-TW' });
    contexts.push(context);
    return context.newPage();
  }

  /** Signs in with the demo account's initial password and makes the forced change. */
  async function firstLogin(page: Page, account: string, newPassword: string, shot?: string): Promise<void> {
    await page.goto(`${api.url}/login`);
    await page.getByTestId('login-account').fill(account);
    await page.getByTestId('login-password').fill(passwords.get(account)!);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('pw-reason').waitFor();
    if (shot) await page.screenshot({ path: join(ARTIFACTS, shot), fullPage: true });
    await page.getByTestId('pw-current').fill(passwords.get(account)!);
    await page.getByTestId('pw-new').fill(newPassword);
    await page.getByTestId('pw-confirm').fill(newPassword);
    await page.getByTestId('pw-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // A new user's first start: empty SQLite file, demo seed on.
    api = await startApi({ DATABASE_URL: `sqlite:${join(tmp.dir, 'shell.sqlite')}`, SEED_DEMO: 'true' });
    passwords = demoPasswords(api.output());
    browser = await launchChromium();
  });

  afterAll(async () => {
    if (process.env.E2E_DEBUG)
      process.stderr.write(
        api
          .output()
          .split('\n')
          .filter((l) => !l.includes('"level":30'))
          .slice(-60)
          .join('\n'),
      );
    while (contexts.length) await contexts.pop()!.close();
    await browser?.close();
    await api?.stop();
    tmp.cleanup();
  });

  it('prints one initial password per demo account, once', () => {
    expect(passwords.size).toBeGreaterThanOrEqual(8);
    for (const account of ['admin', 'leader', 'svc.chen', 'it.lin', 'sec.yang', 'legal.audit', 'ht.lee', 'ht.head'])
      expect(passwords.has(account)).toBe(true);
  });

  it('sends a visitor to the sign-in page, and answers a wrong password with the generic message', async () => {
    const page = await newPage();
    await page.goto(`${api.url}/units`);
    await page.waitForURL(/\/login/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant-TW');
    await page.getByTestId('login-account').fill('ht.lee');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('帳號或密碼錯誤');
    await page.screenshot({ path: join(ARTIFACTS, 'login-error-zh.png'), fullPage: true });
  });

  it('a new user signs in, must change the initial password, and lands on the dashboard', async () => {
    const page = await newPage();
    await page.goto(api.url);
    await page.waitForURL(/\/login/);
    await page.screenshot({ path: join(ARTIFACTS, 'login-zh.png'), fullPage: true });
    await firstLogin(page, 'ht.lee', 'HouseTax-Lee#2026', 'password-forced-zh.png');
    await page.getByTestId('app-title').waitFor();
    const nav = await page.getByTestId('nav').innerText();
    expect(nav).toContain('總覽');
    expect(nav).toContain('帳號權限申請');
    expect(nav).not.toContain('稽核軌跡');
    expect(await page.getByTestId('user-menu').innerText()).toContain('李佳玲');
    await page.screenshot({ path: join(ARTIFACTS, 'overview-zh.png'), fullPage: true });

    // English and back, without reloading.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav').getByText('System status').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(ARTIFACTS, 'overview-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav').getByText('系統狀態').waitFor();

    // A deep link opens directly (the server falls back to index.html) and keeps the session.
    await page.goto(`${api.url}/status`);
    await page.getByTestId('health-overall').waitFor();
    await page.getByText('sqlite', { exact: false }).first().waitFor();
    expect(await page.getByTestId('self-test').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'status-zh.png'), fullPage: true });

    await page.goto(`${api.url}/units`);
    await page.getByTestId('units-table').getByText('中壢分局').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'units-zh.png'), fullPage: true });

    await page.goto(`${api.url}/profile`);
    await page.getByTestId('profile-sessions').waitFor();
    expect(await page.getByTestId('profile-sessions').innerText()).toContain('127.0.0.1');
    await page.screenshot({ path: join(ARTIFACTS, 'profile-zh.png'), fullPage: true });

    // A knowledge contact is not an auditor.
    await page.goto(`${api.url}/audit`);
    await page.getByTestId('forbidden').waitFor();
  });

  it("a unit head approves a contact's request and prints the form (附件四)", async () => {
    const page = await newPage();
    await firstLogin(page, 'ht.head', 'HouseTax-Head#2026');
    await page.goto(`${api.url}/account-requests`);
    const table = page.getByTestId('requests-table');
    await table.getByText('ht.lee').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'requests-zh.png'), fullPage: true });
    await table.getByRole('link').first().click();
    await page.getByTestId('request-approve').waitFor();
    await page.getByTestId('request-comment').fill('同意代理');
    await page.getByTestId('request-approve').click();
    await page.getByTestId('request-status').getByText('待服務科受理').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'request-detail-zh.png'), fullPage: true });
    await page.getByTestId('request-print').click();
    const form = page.getByTestId('print-form');
    await form.waitFor();
    const text = await form.innerText();
    expect(text).toContain('帳號權限異動申請表');
    expect(text).toContain('黃建國');
    await page.screenshot({ path: join(ARTIFACTS, 'request-print-zh.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ARTIFACTS, 'request-print-media-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('the administrator creates a user (one-time password shown) and the auditor verifies the trail', async () => {
    const page = await newPage();
    await firstLogin(page, 'admin', 'Console-Root#2026x');
    await page.goto(`${api.url}/admin/users`);
    await page.getByTestId('users-table').getByRole('cell', { name: 'ht.lee', exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'users-zh.png'), fullPage: true });
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-account').fill('lv.new');
    await page.getByTestId('user-display-name').fill('新進同仁');
    await page.getByTestId('user-unit').click();
    await page.getByRole('option', { name: /地價稅科/ }).click();
    await page.getByRole('checkbox', { name: /知識維護窗口/ }).check();
    await page.getByTestId('user-save').click();
    const initial = page.getByTestId('initial-password');
    await initial.waitFor();
    expect(await initial.innerText()).toMatch(/\S{16}/);
    await page.screenshot({ path: join(ARTIFACTS, 'user-created-zh.png'), fullPage: true });

    await page.goto(`${api.url}/admin/units`);
    await page.getByTestId('units-admin-table').getByRole('cell', { name: '房屋稅科', exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'units-admin-zh.png'), fullPage: true });

    const auditor = await newPage();
    await firstLogin(auditor, 'legal.audit', 'Audit-Trail#2026x');
    await auditor.goto(`${api.url}/audit`);
    await auditor.getByTestId('audit-table').getByText('admin').first().waitFor();
    await auditor.screenshot({ path: join(ARTIFACTS, 'audit-zh.png'), fullPage: true });
    expect(await auditor.getByTestId('audit-table').innerText()).toContain('lv.new');
    await auditor.getByTestId('audit-verify').click();
    const verdict = auditor.getByTestId('audit-verify-result');
    await verdict.waitFor();
    expect(await verdict.innerText()).toMatch(/鏈結完整/);
    await auditor.screenshot({ path: join(ARTIFACTS, 'audit-zh.png'), fullPage: true });
  });

  it('searches the bank as you type, opens an item and compares two versions of its history', async () => {
    const page = await newPage();
    await firstLogin(page, 'leader', 'Tuning-Group#2026x');
    await page.goto(`${api.url}/kb`);
    await page.getByTestId('kb-table').getByText('HT-0001').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'kb-browser-zh.png'), fullPage: true });
    await page.getByTestId('kb-search').fill('請問房屋稅要在什麼時候繳納呢');
    const results = page.getByTestId('kb-results');
    await results.getByText('HT-0001').waitFor();
    expect((await results.innerText()).indexOf('HT-0001')).toBeLessThan((await results.innerText()).indexOf('LV-0001') >>> 0);
    await page.screenshot({ path: join(ARTIFACTS, 'kb-search-zh.png'), fullPage: true });
    await results.getByText('HT-0001').first().click();
    await page.getByTestId('kb-item').waitFor();
    expect(await page.getByTestId('kb-item-answer').innerText()).toContain('房屋稅每年5月開徵');
    const history = page.getByTestId('kb-history');
    await history.waitFor();
    const diff = page.getByTestId('kb-diff');
    await diff.locator('del').first().waitFor();
    expect(await diff.locator('ins').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('6')]));
    await history.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'kb-item-history-zh.png'), fullPage: true });
    await page.goto(`${api.url}/kb/health`);
    await page.getByTestId('kb-health').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'kb-health-zh.png'), fullPage: true });
  });

  it('the service section uploads a report, watches the progress bar finish, and opens the largest cluster', async () => {
    const page = await newPage();
    await firstLogin(page, 'svc.chen', 'Service-Desk#2026x');
    // November's report: October's rows moved a month on (a file the demo has not seen).
    const november = join(tmp.dir, 'report-2026-11.csv');
    writeFileSync(
      november,
      readFileSync(join(ROOT, 'test/fixtures/reports/ok/report-2026-10.csv'), 'utf8').replace(/2026\/10\//g, '2026/11/'),
    );
    await page.goto(`${api.url}/reports`);
    await page.getByTestId('reports-table').waitFor();
    await page.getByTestId('report-upload-file').setInputFiles(november);
    await page.screenshot({ path: join(ARTIFACTS, 'reports-upload-zh.png'), fullPage: true });
    await page.getByTestId('report-upload-submit').click();
    await page.waitForURL(/\/reports\/imports\/\d+/);
    // A month of 478 rows takes about a second: the bar may already be gone when the page first looks.
    await page.locator('[data-testid="import-status"][data-status="completed"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-progress').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-import-done-zh.png'), fullPage: true });
    await page.getByTestId('import-cycle-link').click();
    await page.getByTestId('cycle-page').waitFor();
    expect(await page.getByTestId('cycle-page').innerText()).toContain('115年11月定期調校');
    const first = page.getByTestId('cluster-row').first();
    await first.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'cycle-zh.png'), fullPage: true });
    await first.click();
    await page.getByTestId('cluster-detail').waitFor();
    await page.getByTestId('cluster-wordings').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'cluster-zh.png'), fullPage: true });

    // The tuning settings: the shipped synonyms, and what routing would do with a question.
    await page.goto(`${api.url}/tuning?tab=synonyms`);
    await page.getByTestId('synonym-count').waitFor();
    expect(await page.locator('body').innerText()).toContain('土增稅');
    await page.screenshot({ path: join(ARTIFACTS, 'tuning-synonyms-zh.png'), fullPage: true });
    await page.goto(`${api.url}/tuning?tab=rules`);
    await page.getByTestId('routing-test-text').fill('可以用行動支付繳房屋稅嗎');
    await page.getByTestId('routing-test-text').press('Enter');
    await page.getByTestId('routing-test-result').waitFor();
    expect(await page.getByTestId('routing-test-unit').innerText()).toContain('服務');
    await page.screenshot({ path: join(ARTIFACTS, 'tuning-rules-zh.png'), fullPage: true });

    // The chatbot quality dashboard reads the months just imported.
    await page.goto(`${api.url}/dashboard`);
    await page.getByTestId('quality-kpis').waitFor();
    await page.getByTestId('chart-monthly').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-quality-zh.png'), fullPage: true });
  });

  it("a knowledge contact is told of the announced cycle and opens their unit's review queue", async () => {
    const page = await newPage();
    await firstLogin(page, 'lv.wu', 'LandValue-Wu#2026x');
    // The demo announced September's cycle once its import finished.
    const bell = page.getByTestId('notifications-button');
    await bell.waitFor();
    for (let i = 0; i < 60 && (await page.locator('[data-testid="notifications-button"] .mat-badge-content').count()) === 0; i++) {
      await page.waitForTimeout(1000);
      if (i % 10 === 9) await page.reload();
    }
    await bell.click();
    const item = page.getByTestId('notification-item').filter({ hasText: '定期調校已公告' }).first();
    await item.waitFor();
    expect(await item.innerText()).toMatch(/115年(9|10)月定期調校已公告/);
    await page.screenshot({ path: join(ARTIFACTS, 'notifications-zh.png'), fullPage: true });
    await item.click();
    await page.waitForURL(/\/cycles\/\d+/);
    await page.getByTestId('review-section').waitFor();
    await page.getByTestId('review-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'review-items-zh.png'), fullPage: true });
  });

  it("a contact claims an item, proposes and submits the unit's list; the unit head approves it (附件二)", async () => {
    const page = await newPage();
    await firstLogin(page, 'ct.hsu', 'ConsumTax-Hsu#2026x');
    await page.goto(`${api.url}/queue`);
    await page.getByTestId('queue-table').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'queue-zh.png'), fullPage: true });
    // The first item nobody has claimed yet.
    const rows = page.getByTestId('queue-row');
    const count = await rows.count();
    let opened = false;
    for (let i = 0; i < count && !opened; i++) {
      await rows.nth(i).getByTestId('queue-link').click();
      await page.getByTestId('queue-item-title').waitFor();
      if ((await page.getByTestId('queue-claim').count()) > 0) opened = true;
      else await page.goBack();
    }
    expect(opened).toBe(true);
    await page.getByTestId('queue-claim').click();
    await page.getByTestId('queue-release').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'queue-item-zh.png'), fullPage: true });
    await page.getByTestId('queue-propose').click();
    await page.getByTestId('proposal-form').waitFor();
    await page.locator('[data-kind="add"]').click();
    await page.getByTestId('proposal-category').fill('娛樂稅');
    await page.getByTestId('proposal-question').fill('線上直播演唱會的門票要繳娛樂稅嗎？');
    await page.getByTestId('proposal-answer').fill('線上直播售票如屬本市娛樂稅課徵範圍，由舉辦人代徵娛樂稅，詳情請洽消費稅科。');
    await page
      .getByTestId('proposal-warnings')
      .waitFor({ state: 'attached' })
      .catch(() => undefined);
    await page.screenshot({ path: join(ARTIFACTS, 'proposal-form-zh.png'), fullPage: true });
    await page.getByTestId('proposal-save').click();
    await page.getByTestId('list-page').waitFor();
    await page.getByTestId('list-submit').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('list-submitted').waitFor();
    const listUrl = page.url();
    expect(listUrl).toMatch(/\/proposals\/lists\/\d+\/CT$/);

    const headPage = await newPage();
    await firstLogin(headPage, 'ct.head', 'ConsumTax-Head#2026x');
    await headPage.goto(listUrl);
    await headPage.getByTestId('list-approve').click();
    await headPage.getByTestId('confirm-ok').click();
    await headPage.getByTestId('list-approved').waitFor();
    expect(await headPage.getByTestId('list-page').innerText()).toContain('線上直播演唱會的門票要繳娛樂稅嗎？');
    await headPage.screenshot({ path: join(ARTIFACTS, 'list-approved-zh.png'), fullPage: true });
    await headPage.emulateMedia({ media: 'print' });
    await headPage.screenshot({ path: join(ARTIFACTS, 'list-print.png'), fullPage: true });
    await headPage.emulateMedia({ media: 'screen' });
  });

  it('the group leader reads the dashboards: switches month and unit, opens a chart table and exports it', async () => {
    const page = await newPage();
    // The group leader changed the initial password in the search test above (unless this test runs alone).
    await page.goto(`${api.url}/login`);
    await page.getByTestId('login-account').fill('leader');
    await page.getByTestId('login-password').fill('Tuning-Group#2026x');
    await page.getByTestId('login-submit').click();
    const outcome = await Promise.race([
      page.waitForURL((url) => url.pathname === '/').then(() => 'in'),
      page
        .getByTestId('login-error')
        .waitFor()
        .then(() => 'initial'),
    ]);
    if (outcome === 'initial') await firstLogin(page, 'leader', 'Tuning-Group#2026x');
    // The content scrolls inside the shell: a tall window puts each whole page in its screenshot.
    await page.setViewportSize({ width: 1440, height: 2400 });
    await page.goto(`${api.url}/dashboard`);
    await page.getByTestId('quality-kpis').waitFor();
    // Switch the detail month to September: the URL keeps it, so the view can be shared.
    await page.getByTestId('filter-month').click();
    await page.getByRole('option', { name: '115年9月' }).click();
    await page.waitForURL(/month=2026-09/);
    await page.getByTestId('misses-counts').waitFor();
    expect(await page.getByTestId('misses-counts').innerText()).toMatch(/\d/);
    // Open the monthly chart's table and export it, as CSV and as XLSX.
    const monthly = page.getByTestId('chart-monthly');
    await monthly.getByTestId('chart-table-toggle').click();
    await monthly.locator('table').waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), monthly.getByTestId('export-csv-quality-monthly').click()]);
    expect(csv.suggestedFilename()).toBe('quality-monthly.csv');
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.split('\r\n')[0]).toContain('月份');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), monthly.getByTestId('export-xlsx-quality-monthly').click()]);
    expect(xlsx.suggestedFilename()).toBe('quality-monthly.xlsx');
    // An XLSX file is a zip: it starts with PK.
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-quality-table-zh.png'), fullPage: true });

    // Team progress: every unit, then one.
    await page.getByTestId('dashboard-tab-progress').click();
    await page.getByTestId('progress-kpis').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-progress-zh.png'), fullPage: true });
    await page.getByTestId('filter-unit').click();
    await page.getByRole('option', { name: '地價稅科' }).click();
    await page.waitForURL(/unit=LV/);
    await page.getByTestId('table-units').waitFor();
    expect(await page.getByTestId('table-units').innerText()).toContain('地價稅科');
    expect(await page.getByTestId('table-units').innerText()).not.toContain('房屋稅科');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-progress-unit-zh.png'), fullPage: true });

    await page.getByTestId('dashboard-tab-items').click();
    await page.getByTestId('items-table').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-items-zh.png'), fullPage: true });
    await page.getByTestId('dashboard-tab-effect').click();
    await page.getByTestId('effect-rule').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-effect-zh.png'), fullPage: true });
    await page.getByTestId('dashboard-tab-summary').click();
    await page.getByTestId('summary-sheet').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-summary-zh.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-summary-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });
});
