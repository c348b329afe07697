import { HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import {
  type ImportProfileDto,
  type ReportFieldDto,
  Role,
  type RoutingRuleDto,
  type RoutingTestDto,
  type SynonymDto,
  type UnitDto,
  UnitKind,
} from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { tuningEn, tuningZh } from '../i18n/messages-tuning';
import { apiError } from '../reports/reports-testing';
import { signIn } from '../testing/auth-testing';
import { builtInConflicts } from './profile-form.component';
import { wordOwners } from './synonyms-tab.component';
import { TuningSettingsPageComponent, tabIndex } from './tuning-settings-page.component';
import { detailsForForm, parseList } from './tuning-text';

const FIELDS: ReportFieldDto[] = [
  { format: 'log', field: 'askedAt', label: '提問時間', required: true, builtInAliases: ['時間', '日期時間'] },
  { format: 'log', field: 'question', label: '使用者問句', required: true, builtInAliases: ['問句', '提問內容'] },
  { format: 'log', field: 'responseType', label: '回應類型', required: true, builtInAliases: ['回應狀態'] },
  { format: 'log', field: 'channel', label: '管道', required: false, builtInAliases: [] },
  { format: 'summary', field: 'question', label: '使用者問句', required: true, builtInAliases: ['問句'] },
  { format: 'summary', field: 'occurrences', label: '出現次數', required: true, builtInAliases: ['次數', '筆數'] },
];

function profile(overrides: Partial<ImportProfileDto> = {}): ImportProfileDto {
  return {
    id: 3,
    name: '精誠 2026 版',
    note: '115年起的報表',
    aliases: { log: { question: ['客戶提問', '提問'], channel: ['來源管道'] }, summary: { occurrences: ['發生次數'] } },
    updatedBy: 'lin.sc',
    updatedAt: '2026-11-03T01:20:00.000Z',
    ...overrides,
  };
}

const PROFILES: ImportProfileDto[] = [profile(), profile({ id: 4, name: '舊版報表', note: null, aliases: {} })];

function synonym(overrides: Partial<SynonymDto> = {}): SynonymDto {
  return {
    id: 11,
    term: '土地增值稅',
    variants: ['土增稅', '增值稅'],
    note: null,
    updatedBy: 'system',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

const SYNONYMS: SynonymDto[] = [
  synonym(),
  synonym({ id: 12, term: '使用牌照稅', variants: ['牌照稅', '車牌稅'], note: '常見口語' }),
  synonym({ id: 13, term: '房屋稅', variants: ['房稅'] }),
];

function rule(overrides: Partial<RoutingRuleDto> = {}): RoutingRuleDto {
  return {
    id: 21,
    keyword: '繳稅方式',
    unitCode: 'SV',
    unitName: '服務科',
    overridesTaxNames: true,
    note: '繳稅問題歸服務科',
    updatedBy: 'wu.jy',
    updatedAt: '2026-11-02T06:05:00.000Z',
    ...overrides,
  };
}

const RULES: RoutingRuleDto[] = [
  rule(),
  rule({ id: 22, keyword: '欠稅', unitCode: 'LG', unitName: '法務科', overridesTaxNames: false, note: null }),
];

const UNITS: UnitDto[] = [
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅'], active: true },
  { code: 'SV', name: '服務科', kind: UnitKind.Section, parentCode: null, categories: ['綜合服務'], active: true },
  { code: 'OLD', name: '已裁撤科', kind: UnitKind.Section, parentCode: null, categories: [], active: false },
];

/** What an element says, icon ligatures left out and spaces squeezed. */
function textOf(element: Element | null): string {
  if (!element) return '';
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}

describe('tuning helpers', () => {
  it('splits a list on commas of either width, 、 and semicolons, dropping blanks and repeats', () => {
    expect(parseList('土增稅、增值稅, 土地增值稅，土增稅 ;；')).toEqual(['土增稅', '增值稅', '土地增值稅']);
    expect(parseList('  ')).toEqual([]);
  });

  it('finds an alias that already names another field of the same format, but not of the other format', () => {
    const question = FIELDS[1];
    expect(builtInConflicts(['回應狀態', '提問', 'askedAt'], question, FIELDS)).toEqual([
      { alias: '回應狀態', label: '回應類型' },
      { alias: 'askedAt', label: '提問時間' },
    ]);
    expect(builtInConflicts(['次數'], question, FIELDS)).toEqual([]);
  });

  it('finds a word another term has, as its term or a variant, leaving the edited synonym out', () => {
    expect(wordOwners(['牌照稅', '房屋稅', '地價稅'], SYNONYMS, null)).toEqual([
      { word: '牌照稅', term: '使用牌照稅' },
      { word: '房屋稅', term: '房屋稅' },
    ]);
    expect(wordOwners(['房稅'], SYNONYMS, 13)).toEqual([]);
  });

  it('moves a list element’s problem onto the list, and replaces a bare token by the message', () => {
    const error = new HttpErrorResponse({
      status: 409,
      error: {
        statusCode: 409,
        code: 'TUNING_DUPLICATE',
        message: { 'zh-TW': '「土增稅」已屬於詞「土地增值稅」', en: 'Taken' },
        details: [
          { field: 'variants[1]', reason: 'duplicate' },
          { field: 'aliases.log.question.0', reason: '別名過長 / Too long' },
        ],
      },
    });
    expect(detailsForForm(error)).toEqual([
      { field: 'variants', reason: '「土增稅」已屬於詞「土地增值稅」 / Taken' },
      { field: 'aliases.log.question', reason: '別名過長 / Too long' },
    ]);
  });

  it('names the tab of a link, and opens the first for anything else', () => {
    expect(tabIndex('rules')).toBe(2);
    expect(tabIndex('synonyms')).toBe(1);
    expect(tabIndex(null)).toBe(0);
    expect(tabIndex('bogus')).toBe(0);
  });

  it('has every message in English too', () => {
    expect(Object.keys(tuningEn).sort()).toEqual(Object.keys(tuningZh).sort());
    for (const [key, text] of Object.entries(tuningEn)) expect([key, text.trim().length > 0]).toEqual([key, true]);
    // The same placeholders in both languages.
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(tuningZh) as (keyof typeof tuningZh)[]) {
      expect([key, params(tuningEn[key])]).toEqual([key, params(tuningZh[key])]);
    }
  });
});

describe('TuningSettingsPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
        // Tabs and dialogs settle at once without animations.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  /** Renders after a change; only once every load is answered (a loading resource keeps the page unstable). */
  async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
    TestBed.tick();
    await fixture.whenStable();
  }

  /** The page on its first tab, the import profiles loaded. */
  async function render(roles: Role[] = [Role.ServiceSection]) {
    signIn({ roles });
    const fixture = TestBed.createComponent(TuningSettingsPageComponent);
    const http = TestBed.inject(HttpTestingController);
    TestBed.tick();
    http.expectOne({ method: 'GET', url: '/api/tuning/report-fields' }).flush(FIELDS);
    http.expectOne({ method: 'GET', url: '/api/tuning/import-profiles' }).flush(PROFILES);
    await settle(fixture);
    const host = fixture.nativeElement as HTMLElement;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const all = (selector: string) => [...host.querySelectorAll<HTMLElement>(selector)];
    const type = (element: HTMLInputElement, value: string) => {
      element.value = value;
      element.dispatchEvent(new Event('input'));
    };
    const openTab = async (label: string) => {
      all('[role="tab"]')
        .find((tab) => textOf(tab) === label)!
        .click();
      // The tab's content is created now; its loads stay open until flushed.
      TestBed.tick();
    };
    const rows = (table: string) => all(`[data-testid="${table}"] tbody tr`).map((row) => [...row.querySelectorAll('td')].map(textOf));
    return { fixture, host, http, byTestId, all, type, openTab, rows, tick: () => TestBed.tick(), settle: () => settle(fixture) };
  }

  async function renderSynonyms(roles: Role[] = [Role.ServiceSection]) {
    const page = await render(roles);
    await page.openTab('同義詞');
    page.http.expectOne({ method: 'GET', url: '/api/tuning/synonyms' }).flush(SYNONYMS);
    await page.settle();
    return page;
  }

  async function renderRules(roles: Role[] = [Role.ServiceSection]) {
    const page = await render(roles);
    await page.openTab('關鍵字分派規則');
    page.http.expectOne({ method: 'GET', url: '/api/tuning/routing-rules' }).flush(RULES);
    if (roles.includes(Role.ServiceSection) || roles.includes(Role.SystemAdmin)) page.http.expectOne('/api/units').flush(UNITS);
    await page.settle();
    return page;
  }

  it('has a title, a one-line explanation and three keyboard-reachable tabs, the import profiles first', async () => {
    const { host, all, rows } = await render();
    expect(textOf(host.querySelector('h1'))).toBe('調校設定');
    expect(textOf(host.querySelector('.td-page-intro'))).toContain('同義詞');
    const tabs = all('[role="tab"]');
    expect(tabs.map(textOf)).toEqual(['匯入設定檔', '同義詞', '關鍵字分派規則']);
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs[0].getAttribute('tabindex')).toBe('0');
    expect(host.querySelector('[data-testid="tuning-read-only"]')).toBeNull();

    expect(rows('profiles-table')).toEqual([
      ['精誠 2026 版', '對話紀錄 3 個・未能回答明細 1 個', '115年起的報表', '115/11/03 09:20lin.sc', '編輯精誠 2026 版刪除精誠 2026 版'],
      ['舊版報表', '對話紀錄 0 個・未能回答明細 0 個', '—', '115/11/03 09:20lin.sc', '編輯舊版報表刪除舊版報表'],
    ]);
  });

  it('edits a profile per format: Chinese labels, built-in names as chips, the further names as a list', async () => {
    const { host, http, byTestId, all, type, settle, tick } = await render();
    all('[data-testid="profile-edit"]')[0].click();
    await settle();

    expect(textOf(byTestId('profile-form-title'))).toBe('編輯匯入設定檔「精誠 2026 版」');
    const log = byTestId('profile-format-log')!;
    expect(textOf(log.querySelector('legend'))).toBe('對話紀錄');
    expect(textOf(byTestId('profile-format-summary')!.querySelector('legend'))).toBe('未能回答明細');
    const questionRow = log.querySelector('tr[data-field="question"]')!;
    expect(textOf(questionRow.querySelector('th'))).toBe('使用者問句必要欄位');
    expect([...questionRow.querySelectorAll('mat-chip')].map(textOf)).toEqual(['問句', '提問內容']);
    expect(textOf(log.querySelector('tr[data-field="channel"] .built-in'))).toBe('無');
    const question = byTestId<HTMLInputElement>('profile-alias-log-question')!;
    expect(question.value).toBe('客戶提問、提問');
    expect(byTestId<HTMLInputElement>('profile-alias-summary-occurrences')!.value).toBe('發生次數');
    expect(document.activeElement).toBe(byTestId('profile-name'));

    type(question, '客戶提問, 民眾提問、 客戶提問');
    type(byTestId<HTMLInputElement>('profile-alias-log-channel')!, '');
    type(byTestId<HTMLInputElement>('profile-alias-log-askedAt')!, '詢問時間');
    byTestId('profile-save')!.click();

    const put = http.expectOne('/api/tuning/import-profiles/3');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      name: '精誠 2026 版',
      note: '115年起的報表',
      aliases: { log: { askedAt: ['詢問時間'], question: ['客戶提問', '民眾提問'] }, summary: { occurrences: ['發生次數'] } },
    });
    put.flush(profile());
    tick();
    http.expectOne('/api/tuning/import-profiles').flush(PROFILES);
    await settle();
    expect(open).toHaveBeenCalledWith('已儲存匯入設定檔「精誠 2026 版」', '關閉', { duration: 4000 });
    expect(byTestId('profile-form')).toBeNull();
    expect(host.querySelectorAll('[data-testid="profiles-table"] tbody tr')).toHaveLength(2);
  });

  it('refuses, before sending, a further name that is another field’s built-in name', async () => {
    const { http, byTestId, type, settle } = await render();
    byTestId('profile-create')!.click();
    await settle();
    expect(textOf(byTestId('profile-form-title'))).toBe('新增匯入設定檔');
    type(byTestId<HTMLInputElement>('profile-name')!, '新廠商');
    type(byTestId<HTMLInputElement>('profile-alias-log-question')!, '回應狀態');
    byTestId('profile-save')!.click();
    await settle();

    http.expectNone('/api/tuning/import-profiles');
    const row = byTestId('profile-format-log')!.querySelector('tr[data-field="question"]')!;
    expect(textOf(row.querySelector('mat-error'))).toBe('「回應狀態」已是欄位「回應類型」的名稱，不能再用於此欄位');
    expect(document.activeElement).toBe(byTestId('profile-alias-log-question'));
  });

  it('creates a profile with only the formats that have further names, the note left out when blank', async () => {
    const { http, byTestId, type, settle, tick } = await render();
    byTestId('profile-create')!.click();
    await settle();
    type(byTestId<HTMLInputElement>('profile-name')!, ' 新廠商 ');
    type(byTestId<HTMLInputElement>('profile-alias-summary-occurrences')!, '發生數');
    byTestId('profile-save')!.click();
    const post = http.expectOne({ method: 'POST', url: '/api/tuning/import-profiles' });
    expect(post.request.body).toEqual({ name: '新廠商', note: null, aliases: { summary: { occurrences: ['發生數'] } } });
    post.flush(profile({ id: 5, name: '新廠商' }));
    tick();
    http.expectOne('/api/tuning/import-profiles').flush(PROFILES);
    await settle();
    expect(open).toHaveBeenCalledWith('已新增匯入設定檔「新廠商」', '關閉', { duration: 4000 });
  });

  it('shows a refused save next to the form and under the field the server names, without a snackbar', async () => {
    const { http, byTestId, all, settle } = await render();
    all('[data-testid="profile-edit"]')[0].click();
    await settle();
    byTestId('profile-save')!.click();
    const { body, options } = apiError(409, 'TUNING_DUPLICATE', '別名「提問」已是欄位「使用者問句」的名稱', [
      { field: 'aliases.log.channel[0]', reason: 'duplicate' },
    ]);
    http.expectOne('/api/tuning/import-profiles/3').flush(body, options);
    await settle();

    const error = byTestId('profile-form-error')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(textOf(error)).toBe('別名「提問」已是欄位「使用者問句」的名稱');
    const channel = byTestId('profile-format-log')!.querySelector('tr[data-field="channel"]')!;
    expect(textOf(channel.querySelector('mat-error'))).toBe('別名「提問」已是欄位「使用者問句」的名稱');
    expect(open).not.toHaveBeenCalled();
    expect(byTestId('profile-form')).not.toBeNull();
  });

  it('asks before deleting a profile, then deletes it', async () => {
    const { fixture, http, all, settle, tick } = await render();
    all('[data-testid="profile-delete"]')[1].click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain('確定要刪除「舊版報表」嗎？');
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    await fixture.whenStable();
    const remove = http.expectOne('/api/tuning/import-profiles/4');
    expect(remove.request.method).toBe('DELETE');
    remove.flush(null, { status: 204, statusText: 'No Content' });
    tick();
    http.expectOne('/api/tuning/import-profiles').flush([PROFILES[0]]);
    await settle();
    expect(open).toHaveBeenCalledWith('已刪除匯入設定檔「舊版報表」', '關閉', { duration: 4000 });
  });

  it('says so when there is no profile yet', async () => {
    signIn({ roles: [Role.SystemAdmin] });
    const fixture = TestBed.createComponent(TuningSettingsPageComponent);
    const http = TestBed.inject(HttpTestingController);
    TestBed.tick();
    http.expectOne('/api/tuning/report-fields').flush(FIELDS);
    const host = fixture.nativeElement as HTMLElement;
    expect(textOf(host.querySelector('td-load-state'))).toBe('載入中…');
    http.expectOne('/api/tuning/import-profiles').flush([]);
    await settle(fixture);
    expect(textOf(host.querySelector('[data-testid="profiles-empty"]'))).toBe(
      '尚未建立匯入設定檔。報表欄位名稱與系統預設相同時不需要設定檔。',
    );
  });

  it('lists the synonyms and filters them as one types', async () => {
    const { byTestId, type, rows, settle } = await renderSynonyms();
    expect(rows('synonyms-table')).toEqual([
      ['土地增值稅', '土增稅增值稅', '—', '115/11/01 08:00system', '編輯土地增值稅刪除土地增值稅'],
      ['使用牌照稅', '牌照稅車牌稅', '常見口語', '115/11/01 08:00system', '編輯使用牌照稅刪除使用牌照稅'],
      ['房屋稅', '房稅', '—', '115/11/01 08:00system', '編輯房屋稅刪除房屋稅'],
    ]);
    expect(textOf(byTestId('synonym-count'))).toBe('共 3 組');

    type(byTestId<HTMLInputElement>('synonym-filter')!, '車牌');
    await settle();
    expect(rows('synonyms-table').map((row) => row[0])).toEqual(['使用牌照稅']);
    expect(textOf(byTestId('synonym-count'))).toBe('符合 1 組（共 3 組）');

    type(byTestId<HTMLInputElement>('synonym-filter')!, '口語');
    await settle();
    expect(rows('synonyms-table').map((row) => row[0])).toEqual(['使用牌照稅']);

    type(byTestId<HTMLInputElement>('synonym-filter')!, '娛樂稅');
    await settle();
    expect(textOf(byTestId('synonyms-empty'))).toBe('沒有符合「娛樂稅」的同義詞。');
  });

  it('adds a synonym: the variants split into a list, the term itself left out', async () => {
    const { http, byTestId, type, settle, tick } = await renderSynonyms();
    byTestId('synonym-create')!.click();
    await settle();
    expect(document.activeElement).toBe(byTestId('synonym-term'));
    type(byTestId<HTMLInputElement>('synonym-term')!, '地價稅');
    type(byTestId<HTMLInputElement>('synonym-variants')!, '地價, 地稅、地價稅');
    byTestId('synonym-save')!.click();
    const post = http.expectOne({ method: 'POST', url: '/api/tuning/synonyms' });
    expect(post.request.body).toEqual({ term: '地價稅', variants: ['地價', '地稅'], note: null });
    post.flush(synonym({ id: 14, term: '地價稅', variants: ['地價', '地稅'] }));
    tick();
    http.expectOne('/api/tuning/synonyms').flush(SYNONYMS);
    await settle();
    expect(open).toHaveBeenCalledWith('已新增「地價稅」的同義詞', '關閉', { duration: 4000 });
    expect(byTestId('synonym-form')).toBeNull();
  });

  it('edits a synonym and says which term already has a variant', async () => {
    const { http, byTestId, all, type, settle, tick } = await renderSynonyms();
    all('[data-testid="synonym-edit"]')[2].click();
    await settle();
    expect(byTestId<HTMLInputElement>('synonym-variants')!.value).toBe('房稅');
    type(byTestId<HTMLInputElement>('synonym-variants')!, '房稅、牌照稅');
    byTestId('synonym-save')!.click();
    await settle();
    http.expectNone('/api/tuning/synonyms/13');
    expect(textOf(byTestId('synonym-form')!.querySelector('mat-error'))).toBe('「牌照稅」已屬於標準詞「使用牌照稅」');

    type(byTestId<HTMLInputElement>('synonym-variants')!, '房稅、房屋税');
    type(byTestId<HTMLInputElement>('synonym-note')!, '含異體字');
    byTestId('synonym-save')!.click();
    const put = http.expectOne({ method: 'PUT', url: '/api/tuning/synonyms/13' });
    expect(put.request.body).toEqual({ term: '房屋稅', variants: ['房稅', '房屋税'], note: '含異體字' });
    put.flush(synonym({ id: 13, term: '房屋稅', variants: ['房稅', '房屋税'] }));
    tick();
    http.expectOne('/api/tuning/synonyms').flush(SYNONYMS);
    await settle();
    expect(open).toHaveBeenCalledWith('已儲存「房屋稅」的同義詞', '關閉', { duration: 4000 });
  });

  it('asks before deleting a synonym and shows a refused delete above the table', async () => {
    const { fixture, http, byTestId, all, settle } = await renderSynonyms();
    all('[data-testid="synonym-delete"]')[0].click();
    await fixture.whenStable();
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain('確定要刪除「土地增值稅」與它的所有同義詞嗎？');
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    await fixture.whenStable();
    const { body, options } = apiError(404, 'TUNING_NOT_FOUND', '找不到同義詞 #11');
    http.expectOne({ method: 'DELETE', url: '/api/tuning/synonyms/11' }).flush(body, options);
    await settle();
    const error = byTestId('synonym-delete-error')!;
    expect(textOf(error)).toBe('無法刪除「土地增值稅」：找不到同義詞 #11');
    expect(document.activeElement).toBe(error);
    expect(open).not.toHaveBeenCalled();
  });

  it('lists the keyword rules and adds one with a unit and the 優先於稅目名稱 flag', async () => {
    const { http, byTestId, type, rows, settle, tick } = await renderRules();
    expect(rows('rules-table')).toEqual([
      ['繳稅方式', '服務科 SV', '是', '繳稅問題歸服務科', '115/11/02 14:05wu.jy', '編輯繳稅方式刪除繳稅方式'],
      ['欠稅', '法務科 LG', '否', '—', '115/11/02 14:05wu.jy', '編輯欠稅刪除欠稅'],
    ]);

    byTestId('rule-create')!.click();
    await settle();
    type(byTestId<HTMLInputElement>('rule-keyword')!, '繳費期限');
    byTestId('rule-form')!.querySelector<HTMLElement>('[data-testid="rule-unit"] .mat-mdc-select-trigger')!.click();
    await settle();
    const options = [...document.querySelectorAll<HTMLElement>('mat-option')];
    expect(options.map(textOf)).toEqual(['房屋稅科 (HT)', '服務科 (SV)']);
    options[1].click();
    byTestId('rule-overrides')!.querySelector('input')!.click();
    await settle();
    byTestId('rule-save')!.click();

    const post = http.expectOne({ method: 'POST', url: '/api/tuning/routing-rules' });
    expect(post.request.body).toEqual({ keyword: '繳費期限', unitCode: 'SV', overridesTaxNames: true, note: null });
    post.flush(rule({ id: 23, keyword: '繳費期限' }));
    tick();
    http.expectOne('/api/tuning/routing-rules').flush(RULES);
    await settle();
    expect(open).toHaveBeenCalledWith('已新增關鍵字「繳費期限」的規則', '關閉', { duration: 4000 });
  });

  it('marks the required fields of a rule instead of sending it', async () => {
    const { http, byTestId, settle } = await renderRules();
    byTestId('rule-create')!.click();
    await settle();
    byTestId('rule-save')!.click();
    await settle();
    http.expectNone('/api/tuning/routing-rules');
    expect([...byTestId('rule-form')!.querySelectorAll('mat-error')].map(textOf)).toEqual(['此欄位必填', '此欄位必填']);
  });

  it('tries routing on Enter: the folded text, the unit and why', async () => {
    const { http, byTestId, type, settle } = await renderRules();
    const text = byTestId<HTMLInputElement>('routing-test-text')!;
    type(text, ' 土增稅可以刷卡繳嗎 ');
    await settle();
    byTestId<HTMLFormElement>('routing-test-form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    const test = http.expectOne({ method: 'POST', url: '/api/tuning/routing-rules/test' });
    expect(test.request.body).toEqual({ text: '土增稅可以刷卡繳嗎' });
    const result: RoutingTestDto = {
      text: '土增稅可以刷卡繳嗎',
      folded: '土地增值稅可以刷卡繳嗎',
      unitCode: 'SV',
      unitName: '服務科',
      reason: 'keyword-rule',
      matched: '刷卡',
    };
    test.flush(result);
    await settle();
    expect(textOf(byTestId('routing-test-folded'))).toBe('土地增值稅可以刷卡繳嗎 （已換成標準詞）');
    expect(textOf(byTestId('routing-test-unit'))).toBe('服務科 SV');
    expect(textOf(byTestId('routing-test-reason'))).toBe('關鍵字規則 問句含有關鍵字「刷卡」，依關鍵字分派規則分派。');

    byTestId('routing-test-run')!.click();
    http
      .expectOne('/api/tuning/routing-rules/test')
      .flush({ ...result, folded: result.text, unitCode: null, unitName: null, reason: 'triage', matched: null });
    await settle();
    expect(textOf(byTestId('routing-test-folded'))).toBe('土增稅可以刷卡繳嗎');
    expect(textOf(byTestId('routing-test-unit'))).toBe('待分派');
    expect(byTestId('routing-test-reason')!.getAttribute('data-reason')).toBe('triage');
  });

  it('shows a refused try-out in the box, not in a snackbar', async () => {
    const { http, byTestId, type, settle } = await renderRules();
    type(byTestId<HTMLInputElement>('routing-test-text')!, '房屋稅');
    await settle();
    byTestId('routing-test-run')!.click();
    const { body, options } = apiError(422, 'TUNING_INVALID', '問句最多 500 個字', [{ field: 'text', reason: '問句過長 / Too long' }]);
    http.expectOne('/api/tuning/routing-rules/test').flush(body, options);
    await settle();
    expect(textOf(byTestId('routing-test-error'))).toBe('問句最多 500 個字 問句過長');
    expect(byTestId('routing-test-result')).toBeNull();
    expect(open).not.toHaveBeenCalled();
  });

  it('is read-only for a group leader: no adding, editing or deleting, profiles open for viewing', async () => {
    const { host, byTestId, all, rows, settle, openTab, http } = await render([Role.GroupLeader]);
    expect(textOf(byTestId('tuning-read-only'))).toBe('您可以檢視這些設定；只有服務科與系統管理員可以修改。');
    expect(byTestId('profile-create')).toBeNull();
    expect(host.querySelector('[data-testid="profile-edit"], [data-testid="profile-delete"]')).toBeNull();
    all('[data-testid="profile-view"]')[0].click();
    await settle();
    expect(textOf(byTestId('profile-form-title'))).toBe('匯入設定檔「精誠 2026 版」');
    expect(byTestId('profile-save')).toBeNull();
    expect(byTestId('profile-form')!.querySelector('[data-testid^="profile-alias"]')!.tagName).toBe('SPAN');
    expect(textOf(byTestId('profile-alias-log-question'))).toBe('客戶提問、提問');
    expect(byTestId<HTMLInputElement>('profile-name')!.disabled).toBe(true);

    await openTab('同義詞');
    http.expectOne('/api/tuning/synonyms').flush(SYNONYMS);
    await settle();
    expect(byTestId('synonym-create')).toBeNull();
    expect(rows('synonyms-table')[0]).toEqual(['土地增值稅', '土增稅增值稅', '—', '115/11/01 08:00system']);

    await openTab('關鍵字分派規則');
    http.expectOne('/api/tuning/routing-rules').flush(RULES);
    await settle();
    http.expectNone('/api/units');
    expect(byTestId('rule-create')).toBeNull();
    expect(rows('rules-table')[0]).toEqual(['繳稅方式', '服務科 SV', '是', '繳稅問題歸服務科', '115/11/02 14:05wu.jy']);
    // Trying routing changes nothing: the group leader may.
    expect(byTestId('routing-test-text')).not.toBeNull();
  });

  it('opens the tab a link names, and names the chosen tab in the address', async () => {
    signIn({ roles: [Role.ServiceSection] });
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/?tab=synonyms');
    const fixture = TestBed.createComponent(TuningSettingsPageComponent);
    const http = TestBed.inject(HttpTestingController);
    TestBed.tick();
    http.expectOne('/api/tuning/synonyms').flush(SYNONYMS);
    await settle(fixture);
    const host = fixture.nativeElement as HTMLElement;
    const tabs = [...host.querySelectorAll<HTMLElement>('[role="tab"]')];
    expect(tabs[1].getAttribute('aria-selected')).toBe('true');

    tabs[2].click();
    TestBed.tick();
    http.expectOne('/api/tuning/routing-rules').flush(RULES);
    http.expectOne('/api/units').flush(UNITS);
    await settle(fixture);
    expect(router.url).toBe('/?tab=rules');
  });

  it('speaks English when asked', async () => {
    const { fixture, host, all } = await render();
    TestBed.inject(I18nService).setLang('en');
    await fixture.whenStable();
    expect(textOf(host.querySelector('h1'))).toBe('Tuning settings');
    expect(all('[role="tab"]').map(textOf)).toEqual(['Import profiles', 'Synonyms', 'Keyword routing rules']);
    expect(textOf(host.querySelector('[data-testid="profiles-table"] tbody td:nth-child(2)'))).toBe(
      'Conversation log 3 · Unanswered questions 1',
    );
  });
});
