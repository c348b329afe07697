import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { type AuditPageDto, type AuditVerifyDto, Role, type UnitDto, UnitKind } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { makeCycle } from '../reports/reports-testing';
import { signIn } from '../testing/auth-testing';
import { AuditPageComponent, formatChange, formatChangeValue } from './audit-page.component';

const PAGE: AuditPageDto = {
  items: [
    {
      id: 101,
      occurredAt: '2026-11-28T16:30:09.000Z',
      actorId: 1,
      actorAccount: 'admin',
      unitCode: 'IT',
      action: 'user.update',
      targetType: 'user',
      targetId: '7',
      targetLabel: 'ht.lee',
      changes: [{ field: 'roles', before: ['knowledge-contact'], after: ['knowledge-contact', 'unit-head'] }],
      detail: null,
      requestId: 'req-4f2a',
      clientIp: '::ffff:10.20.1.15',
    },
    {
      id: 100,
      occurredAt: '2026-11-28T01:00:00.000Z',
      actorId: null,
      actorAccount: null,
      unitCode: null,
      action: 'auth.login-failed',
      targetType: null,
      targetId: null,
      targetLabel: null,
      changes: [],
      detail: null,
      requestId: null,
      clientIp: '10.20.3.4',
    },
  ],
  total: 120,
  page: 1,
  pageSize: 50,
};

const unit = (code: string, name: string): UnitDto => ({
  code,
  name,
  kind: UnitKind.Section,
  parentCode: null,
  categories: [],
  active: true,
});
const UNITS: UnitDto[] = [unit('IT', '資訊科'), unit('HT', '房屋稅科'), unit('CT', '使用牌照稅科')];

/** Events on the tuning loop's objects, as the API records them. */
const LOOP: AuditPageDto = {
  ...PAGE,
  items: [
    {
      ...PAGE.items[0],
      id: 210,
      unitCode: 'HT',
      action: 'list.submit',
      targetType: 'proposal-list',
      targetId: '2/HT',
      targetLabel: null,
      changes: [],
    },
    {
      ...PAGE.items[0],
      id: 209,
      unitCode: null,
      action: 'queue.reassign',
      targetType: 'queue-cluster',
      targetId: '77',
      targetLabel: null,
      changes: [{ field: 'unitCode', before: 'HT', after: 'CT' }],
    },
    {
      ...PAGE.items[0],
      id: 208,
      unitCode: 'HT',
      action: 'proposal.update',
      targetType: 'proposal',
      targetId: '15',
      targetLabel: null,
      changes: [
        { field: 'question', before: '房屋稅何時開徵', after: '房屋稅什麼時候開徵' },
        { field: 'alternates', before: [], after: ['房屋稅幾月繳'] },
      ],
    },
    {
      ...PAGE.items[0],
      id: 207,
      unitCode: null,
      action: 'cycle.announce',
      targetType: 'cycle',
      targetId: '2',
      targetLabel: null,
      changes: [],
    },
  ],
};

describe('formatChange', () => {
  it('shows before → after compactly', () => {
    expect(formatChange({ field: 'active', before: true, after: false })).toBe('active: true → false');
    expect(formatChange({ field: 'email', before: null, after: 'a@b.tw' })).toBe('email: ∅ → a@b.tw');
    expect(formatChangeValue('x'.repeat(100))).toHaveLength(40);
  });
});

describe('AuditPageComponent', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
    signIn({ roles: [Role.Auditor] });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(page: AuditPageDto = PAGE) {
    const fixture = TestBed.createComponent(AuditPageComponent);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    const first = http.expectOne((req) => req.url === '/api/audit');
    expect(first.request.params.toString()).toBe('page=1&pageSize=50');
    first.flush(page);
    http.expectOne('/api/units').flush(UNITS);
    http.expectOne('/api/cycles').flush([makeCycle({ id: 2, month: '2026-10', label: '115年10月定期調校' })]);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const type = (id: string, value: string) => {
      const input = host.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, host, http, type };
  }

  it('shows each event in Taipei time (ROC), with the action in words and the changes compact', async () => {
    const { host } = await render();
    const rows = [...host.querySelectorAll('[data-testid="audit-table"] tbody tr')];
    const cells = rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()));
    expect(cells[0]).toEqual([
      '115/11/29 00:30:09',
      'admin',
      '資訊科',
      '修改使用者',
      '使用者 #7（ht.lee）',
      '角色: 知識維護窗口 → 知識維護窗口、單位主管',
      '10.20.1.15req-4f2a', // the source IP, with the request id on the line below it
    ]);
    expect(cells[1][1]).toBe('（系統）');
    expect(cells[1][3]).toBe('登入失敗');
    expect(host.textContent).toContain('共 120 筆');
  });

  it('turns the filters into query parameters, for the table and for the CSV link', async () => {
    const { fixture, host, http, type } = await render();
    type('audit-from', '115/11/01');
    type('audit-to', '民國115年11月29日');
    type('audit-actor', 'admin');
    type('audit-target-id', '7');
    host.querySelector<HTMLElement>('[data-testid="audit-action"] .mat-mdc-select-trigger')!.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => option.textContent!.trim() === '重設密碼')!.click();
    host.querySelector<HTMLElement>('[data-testid="audit-target-type"] .mat-mdc-select-trigger')!.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => option.textContent!.trim() === '使用者')!.click();
    host.querySelector<HTMLButtonElement>('[data-testid="audit-search"]')!.click();
    TestBed.tick();

    const request = http.expectOne((req) => req.url === '/api/audit');
    expect(request.request.params.toString()).toBe(
      'from=2026-11-01&to=2026-11-29&actor=admin&action=user.password-reset&targetType=user&targetId=7&page=1&pageSize=50',
    );
    request.flush({ ...PAGE, total: 2 });
    await fixture.whenStable();
    const link = host.querySelector<HTMLAnchorElement>('[data-testid="audit-export-csv"]')!;
    expect(link.getAttribute('href')).toBe(
      '/api/audit/export?from=2026-11-01&to=2026-11-29&actor=admin&action=user.password-reset&targetType=user&targetId=7',
    );
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('lists the object types by name in the type filter, not as codes', async () => {
    const { fixture, host } = await render();
    host.querySelector<HTMLElement>('[data-testid="audit-target-type"] .mat-mdc-select-trigger')!.click();
    await fixture.whenStable();
    const options = [...document.querySelectorAll<HTMLElement>('mat-option')].map((option) => option.textContent!.trim());
    expect(options[0]).toBe('所有對象');
    expect(options).toEqual(expect.arrayContaining(['群組', '提案', '資料檢視清單', '調校週期', '使用者', '單位']));
    expect(options.some((option) => /^[a-z-]+$/.test(option))).toBe(false);
  });

  it('names the objects, units and changed fields of the tuning loop', async () => {
    const { host } = await render(LOOP);
    const rows = [...host.querySelectorAll('[data-testid="audit-table"] tbody tr')];
    const cell = (row: number, col: number) => rows[row].querySelectorAll('td')[col].textContent!.replace(/\s+/g, ' ').trim();
    expect(cell(0, 2)).toBe('房屋稅科');
    expect(cell(0, 4)).toBe('資料檢視清單 115年10月／房屋稅科');
    expect(cell(1, 4)).toBe('群組 #77');
    expect(cell(1, 5)).toBe('單位: 房屋稅科 → 使用牌照稅科');
    expect(cell(2, 4)).toBe('提案 #15');
    expect([...rows[2].querySelectorAll('td')[5].querySelectorAll('li')].map((li) => li.textContent!.trim())).toEqual([
      '標準問句: 房屋稅何時開徵 → 房屋稅什麼時候開徵',
      '相似問句: ∅ → 房屋稅幾月繳',
    ]);
    expect(cell(3, 4)).toBe('調校週期 115年10月定期調校');
    expect(host.querySelector('[data-testid="audit-table"]')!.textContent).not.toMatch(/queue-cluster|proposal-list|unitCode/);
  });

  it('names them in English too, cycle names included', async () => {
    TestBed.inject(I18nService).setLang('en');
    const { host } = await render(LOOP);
    const rows = [...host.querySelectorAll('[data-testid="audit-table"] tbody tr')];
    const cell = (row: number, col: number) => rows[row].querySelectorAll('td')[col].textContent!.replace(/\s+/g, ' ').trim();
    expect(cell(0, 4)).toBe('List 2026-10 / 房屋稅科');
    expect(cell(1, 4)).toBe('Cluster #77');
    expect(cell(1, 5)).toBe('Unit: 房屋稅科 → 使用牌照稅科');
    expect(cell(3, 4)).toBe('Cycle Regular tuning, Oct 2026');
  });

  it('asks for the next page with the same filters', async () => {
    const { fixture, host, http } = await render();
    host.querySelector<HTMLButtonElement>('.mat-mdc-paginator-navigation-next')!.click();
    TestBed.tick();
    const request = http.expectOne((req) => req.url === '/api/audit');
    expect(request.request.params.get('page')).toBe('2');
    expect(request.request.params.get('pageSize')).toBe('50');
    request.flush({ ...PAGE, page: 2 });
    await fixture.whenStable();
  });

  it('reports an intact chain', async () => {
    const { fixture, host, http } = await render();
    host.querySelector<HTMLButtonElement>('[data-testid="audit-verify"]')!.click();
    const ok: AuditVerifyDto = {
      ok: true,
      checked: 1234,
      brokenAt: null,
      reason: null,
      startsAfterId: null,
      verifiedAt: '2026-11-29T02:00:00Z',
    };
    http.expectOne('/api/audit/verify').flush(ok);
    await fixture.whenStable();
    const result = host.querySelector('[data-testid="audit-verify-result"]')!;
    expect(result.textContent).toContain('全部 1234 筆鏈結完整');
    expect(result.classList).toContain('td-alert--ok');
  });

  it('names the first broken record and why, prominently', async () => {
    const { fixture, host, http } = await render();
    host.querySelector<HTMLButtonElement>('[data-testid="audit-verify"]')!.click();
    http.expectOne('/api/audit/verify').flush({
      ok: false,
      checked: 57,
      brokenAt: 58,
      reason: 'content-changed',
      startsAfterId: null,
      verifiedAt: '2026-11-29T02:00:00Z',
    } satisfies AuditVerifyDto);
    await fixture.whenStable();
    const result = host.querySelector('[data-testid="audit-verify-result"]')!;
    expect(result.textContent).toContain('第 58 筆起鏈結中斷（內容被修改）');
    expect(result.getAttribute('role')).toBe('alert');
    expect(result.classList).toContain('td-alert--error');
  });
});
