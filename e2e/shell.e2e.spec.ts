import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { ROOT, RunningProcess, startApi, tempDir } from './support/processes';

const ARTIFACTS = join(ROOT, 'e2e/artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the dashboard shell in a real browser', () => {
  const tmp = tempDir();
  let api: RunningProcess & { url: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // A new user's first start: empty SQLite file, demo seed on.
    api = await startApi({ DATABASE_URL: `sqlite:${join(tmp.dir, 'shell.sqlite')}`, SEED_DEMO: 'true' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-TW' });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    tmp.cleanup();
  });

  it('renders the shell in zh-TW by default', async () => {
    await page.goto(api.url);
    await page.getByTestId('app-title').waitFor();
    expect(await page.getByTestId('app-title').innerText()).toContain('智能客服知識庫調校平台');
    const nav = await page.getByTestId('nav').innerText();
    expect(nav).toContain('總覽');
    expect(nav).toContain('系統狀態');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant-TW');
    await page.screenshot({ path: join(ARTIFACTS, 'overview-zh.png'), fullPage: true });
  });

  it('switches to English and back without reloading', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav').getByText('System status').waitFor();
    expect(await page.getByTestId('nav').innerText()).not.toContain('系統狀態');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(ARTIFACTS, 'overview-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav').getByText('系統狀態').waitFor();
  });

  it('opens a deep link directly (the server falls back to index.html) and shows health', async () => {
    await page.goto(`${api.url}/status`);
    const overall = page.getByTestId('health-overall');
    await overall.waitFor();
    await page.getByText('sqlite', { exact: false }).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'status-zh.png'), fullPage: true });
  });

  it('lists the seeded demo units', async () => {
    await page.goto(`${api.url}/units`);
    const table = page.getByTestId('units-table');
    await table.getByText('中壢分局').waitFor();
    expect(await table.innerText()).toContain('房屋稅科');
    await page.screenshot({ path: join(ARTIFACTS, 'units-zh.png'), fullPage: true });
  });
});
