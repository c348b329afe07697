import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { type ConsolidationDto, type ProposalDto, type ReconcileResultDto, Role } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { ConsolidationPageComponent, keepLocalOrder } from './consolidation-page.component';
import type { ChangeDto } from './consolidation.api';

const OVERVIEW_URL = '/api/cycles/4/consolidation';

function makeProposal(overrides: Partial<ProposalDto> = {}): ProposalDto {
  return {
    id: 101,
    cycleId: 4,
    unitCode: 'HT',
    kind: 'modify',
    kbItemId: 'HT-0012',
    before: {
      category: '房屋稅',
      question: '房屋稅繳納方式有哪些？',
      alternates: ['房屋稅怎麼繳'],
      answer: '可臨櫃、超商或線上繳納。',
      keywords: ['繳納'],
      ownerUnitCode: 'HT',
    },
    content: {
      category: '房屋稅',
      question: '房屋稅可以用哪些方式繳納？',
      alternates: ['房屋稅怎麼繳', '房屋稅可以刷卡嗎'],
      answer: '可臨櫃、超商、信用卡或線上繳納。',
      keywords: ['繳納', '信用卡'],
      ownerUnitCode: 'HT',
    },
    reason: '民眾常問信用卡繳稅',
    source: null,
    status: 'approved',
    returnComment: null,
    deferReason: null,
    warnings: [],
    createdBy: 'chen.mh',
    createdAt: '2026-11-05T01:00:00.000Z',
    updatedAt: '2026-11-10T01:00:00.000Z',
    ...overrides,
  };
}

function makeChange(overrides: Partial<ChangeDto> = {}): ChangeDto {
  return { ...makeProposal(), seq: null, newItemId: null, appliedAt: null, reconcileNote: null, ...overrides };
}

const CHANGES: ChangeDto[] = [
  makeChange({ seq: 1 }),
  makeChange({
    id: 102,
    seq: 2,
    unitCode: 'LV',
    kind: 'add',
    kbItemId: null,
    before: null,
    content: {
      category: '使用牌照稅',
      question: '電動車要繳使用牌照稅嗎？',
      alternates: [],
      answer: '電動車目前免徵使用牌照稅。',
      keywords: ['電動車'],
      ownerUnitCode: 'LV',
    },
    newItemId: 'LV-0031',
    status: 'applied',
    appliedAt: '2026-11-25T03:00:00.000Z',
    reconcileNote: '廠商題庫已有此題',
  }),
  makeChange({
    id: 103,
    seq: 3,
    kind: 'delete',
    kbItemId: 'HT-0099',
    content: null,
    before: { ...makeProposal().before!, question: '106年房屋稅開徵日期？' },
    status: 'deferred',
    deferReason: '待法規修正後再刪除',
  }),
];

function makeOverview(overrides: Partial<ConsolidationDto> = {}): ConsolidationDto {
  return {
    cycleId: 4,
    cycleLabel: '115年10月定期調校',
    dueDate: '2026-11-20',
    changeSetSentAt: null,
    changeSetSentBy: null,
    closedAt: null,
    units: [
      { unitCode: 'HT', unitName: '房屋稅科', status: 'approved', proposals: 3, approved: 2 },
      { unitCode: 'LV', unitName: '牌照稅科', status: 'submitted', proposals: 2, approved: 1 },
      { unitCode: 'LD', unitName: '地價稅科', status: 'not-started', proposals: 0, approved: 0 },
      { unitCode: 'DT', unitName: '契稅科', status: 'returned', proposals: 1, approved: 0 },
      { unitCode: 'ST', unitName: '印花稅科', status: 'in-progress', proposals: 1, approved: 0 },
    ],
    changes: CHANGES,
    carriedOver: [
      makeProposal({ id: 88, cycleId: 3, unitCode: 'LV', kbItemId: 'LV-0007', status: 'deferred', deferReason: '等待財政部函釋' }),
    ],
    ...overrides,
  };
}

/** What an element says, piece by piece, icon ligatures left out. */
function text(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.textContent!.replace(/\s+/g, ' ').trim());
  return pieces.filter(Boolean).join(' ');
}

/** Lets requests, resources and dialogs take their answers, and renders. */
async function settle(ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  TestBed.tick();
}

describe('ConsolidationPageComponent', () => {
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
      ],
    });
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  async function render(options: { roles?: Role[]; overview?: ConsolidationDto } = {}) {
    signIn({ roles: options.roles ?? [Role.ServiceSection], unitCode: 'SV', unitName: '服務科' });
    const fixture = TestBed.createComponent(ConsolidationPageComponent);
    fixture.componentRef.setInput('cycleId', '4');
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne({ method: 'GET', url: OVERVIEW_URL }).flush(options.overview ?? makeOverview());
    await settle();
    const host = fixture.nativeElement as HTMLElement;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const rows = () => [...host.querySelectorAll<HTMLElement>('[data-testid="change-row"]')];
    const rowIds = () => rows().map((row) => Number(row.getAttribute('data-change-id')));
    const inRow = <T extends HTMLElement = HTMLButtonElement>(id: number, selector: string) =>
      host.querySelector<T>(`[data-change-id="${id}"] ${selector}`);
    /** The page reads the cycle again after an action. */
    const reload = async (overview: ConsolidationDto = makeOverview()) => {
      await settle();
      http.expectOne({ method: 'GET', url: OVERVIEW_URL }).flush(overview);
      await settle();
    };
    return { fixture, http, host, byTestId, rows, rowIds, inRow, reload };
  }

  it('shows the title, due date and state, the units with their status chips and links, and the change set', async () => {
    const { byTestId, rows, host } = await render({
      overview: makeOverview({ changeSetSentAt: '2026-11-21T06:30:00.000Z', changeSetSentBy: '林淑娟' }),
    });

    expect(host.querySelector('h1')!.textContent).toContain('115年10月定期調校 彙整');
    expect(byTestId('consolidation-due')!.textContent).toContain('115/11/20');
    expect(text(byTestId('consolidation-state')!)).toBe('已於 115/11/21 14:30 由 林淑娟 標示送廠商。');

    const units = [...byTestId('consolidation-units')!.querySelectorAll('tbody tr')].map((row) => [...row.children].map(text));
    // Units with work first, in the server's order; the unit with nothing to do after them, under its own heading.
    expect(units).toEqual([
      ['房屋稅科', '已核章', '3', '2'],
      ['牌照稅科', '已送出', '2', '1'],
      ['契稅科', '退回修正', '1', '0'],
      ['印花稅科', '進行中', '1', '0'],
      ['本期沒有待辦的單位（1）', '地價稅科'],
    ]);
    const links = [...byTestId('consolidation-units')!.querySelectorAll('tbody a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      '/proposals/lists/4/HT',
      '/proposals/lists/4/LV',
      '/proposals/lists/4/DT',
      '/proposals/lists/4/ST',
      '/proposals/lists/4/LD',
    ]);
    expect(byTestId('consolidation-units')!.querySelector('[data-status="returned"]')!.classList).toContain('td-badge--error');
    expect(byTestId('consolidation-units')!.querySelector('[data-status="approved"]')!.classList).toContain('td-badge--ok');

    const field = (row: Element, name: string) => row.querySelector(`[data-field="${name}"]`);
    const chips = (row: Element, change: string) => [...row.querySelectorAll(`[data-change="${change}"]`)].map(text);
    const [modify, add, del] = rows();
    expect([...modify.querySelectorAll('td')].map((cell) => text(cell)).filter((_, i) => i !== 2)).toEqual([
      '1',
      '修改 HT-0012 房屋稅科',
      '已核定',
      '標示已套用 延期',
    ]);
    expect(modify.querySelector('[data-side="before"] .q__label + span')!.textContent).toBe('房屋稅繳納方式有哪些？');
    expect(modify.querySelector('[data-side="after"] .q__label + span')!.textContent).toBe('房屋稅可以用哪些方式繳納？');
    expect(modify.querySelectorAll('[data-side="before"] del').length).toBeGreaterThan(0);
    expect(modify.querySelectorAll('[data-side="after"] ins').length).toBeGreaterThan(0);
    expect(chips(modify, 'added')).toEqual(['+ 新增： 房屋稅可以刷卡嗎']);
    expect(chips(modify, 'removed')).toEqual([]);
    expect([...field(modify, 'answer')!.querySelectorAll('ins')].map(text).join('')).toContain('信用卡');
    expect(text(field(modify, 'others')!)).toBe('另變更：關鍵字');

    expect(text(add.querySelector('td:nth-child(2)')!)).toBe('新增 LV-0031 牌照稅科');
    expect(text(field(add, 'question')!)).toBe('問句 電動車要繳使用牌照稅嗎？');
    expect(text(field(add, 'alternates')!)).toBe('相似問句 —');
    expect(text(field(add, 'answer')!)).toBe('答案 電動車目前免徵使用牌照稅。');
    expect(text(add.querySelector('.col-state')!)).toBe('已套用 115/11/25 套用 比對說明 廠商題庫已有此題');
    expect(text(field(add, 'note')!)).toBe('比對說明 廠商題庫已有此題');

    expect(text(del.querySelector('td:nth-child(2)')!)).toBe('刪除 HT-0099 房屋稅科');
    expect(text(field(del, 'question')!)).toBe('問句 106年房屋稅開徵日期？ （刪除此題）');
    expect(chips(del, 'removed')).toEqual(['− 移除： 房屋稅怎麼繳']);
    expect(field(del, 'answer')).toBeNull();
    expect(text(del.querySelector('.col-state')!)).toBe('延期 延期原因：待法規修正後再刪除');
    expect(byTestId('change-count')!.textContent).toContain('共 3 項異動');

    expect(byTestId('change-set-csv')!.getAttribute('href')).toBe('/api/cycles/4/change-set?format=csv');
    expect(byTestId('change-set-xlsx')!.getAttribute('href')).toBe('/api/cycles/4/change-set?format=xlsx');
    expect(byTestId('change-set-csv')!.hasAttribute('download')).toBe(true);
    // Already sent: no second 標示已送廠商.
    expect(byTestId('change-set-sent')).toBeNull();

    const carried = [...byTestId('carried-over')!.querySelectorAll('tbody tr')].map((row) => [...row.children].map(text));
    expect(carried).toEqual([
      ['#88', '週期 #3', '修改', 'LV-0007', '牌照稅科', '房屋稅可以用哪些方式繳納？', '等待財政部函釋', '納入本期'],
    ]);
  });

  it('offers 標示已套用 and 延期 only on approved changes, and up/down on every row', async () => {
    const { inRow } = await render();
    expect(inRow(101, '[data-action="apply"]')).not.toBeNull();
    expect(inRow(101, '[data-action="defer"]')).not.toBeNull();
    expect(inRow(102, '[data-action="apply"]')).toBeNull();
    expect(inRow(103, '[data-action="defer"]')).toBeNull();
    expect(inRow(101, '[data-move="up"]')!.disabled).toBe(true);
    expect(inRow(101, '[data-move="down"]')!.disabled).toBe(false);
    expect(inRow(103, '[data-move="down"]')!.disabled).toBe(true);
    expect(inRow(101, '[data-move="down"]')!.getAttribute('aria-label')).toBe('將項次 1 下移');
  });

  it('reorders with the up and down buttons, keeps the focus on the moved row, and saves the whole order', async () => {
    const { fixture, http, byTestId, rowIds, inRow, reload, rows } = await render();
    expect(byTestId('order-unsaved')).toBeNull();

    inRow(101, '[data-move="down"]')!.click();
    await settle();
    expect(rowIds()).toEqual([102, 101, 103]);
    expect(document.activeElement).toBe(inRow(101, '[data-move="down"]'));
    expect(byTestId('move-status')!.textContent).toContain('項次 1 已移到第 2 項。');

    inRow(103, '[data-move="up"]')!.click();
    await settle();
    expect(rowIds()).toEqual([102, 103, 101]);
    // 項次 follows the position on screen.
    expect(rows().map((row) => text(row.querySelector('td')!))).toEqual(['1', '2', '3']);
    expect(byTestId('order-unsaved')!.textContent).toContain('順序已變更，尚未儲存');

    byTestId<HTMLButtonElement>('order-save')!.click();
    const save = http.expectOne({ method: 'PUT', url: '/api/cycles/4/change-set/order' });
    expect(save.request.body).toEqual({ proposalIds: [102, 103, 101] });
    save.flush(null, { status: 204, statusText: 'No Content' });
    await reload(makeOverview({ changes: [CHANGES[1], CHANGES[2], CHANGES[0]] }));
    expect(open).toHaveBeenCalledWith('已儲存異動順序', '關閉', expect.anything());
    expect(rowIds()).toEqual([102, 103, 101]);
    expect(byTestId('order-unsaved')).toBeNull();
    fixture.destroy();
  });

  it('undoes an unsaved order, sending nothing', async () => {
    const { byTestId, rowIds, inRow } = await render();
    inRow(102, '[data-move="up"]')!.click();
    await settle();
    expect(rowIds()).toEqual([102, 101, 103]);
    byTestId<HTMLButtonElement>('order-reset')!.click();
    await settle();
    expect(rowIds()).toEqual([101, 102, 103]);
    expect(byTestId('order-unsaved')).toBeNull();
  });

  it('keeps an unsaved order when the set is read again, putting new changes at the end', () => {
    const server = [1, 2, 3];
    expect(keepLocalOrder([1, 2, 3, 4], { source: server, value: [3, 1, 2] })).toEqual([3, 1, 2, 4]);
    expect(keepLocalOrder([1, 3], { source: server, value: [3, 1, 2] })).toEqual([3, 1]);
    // Nothing moved: the server's order wins.
    expect(keepLocalOrder([2, 1, 3], { source: server, value: [1, 2, 3] })).toEqual([2, 1, 3]);
  });

  it('defers a change with the reason asked for in a dialog, and insists on a reason', async () => {
    const { http, inRow, reload } = await render();
    inRow(101, '[data-action="defer"]')!.click();
    await settle();
    const dialog = document.querySelector('mat-dialog-container')!;
    expect(dialog.textContent).toContain('延至下期');
    expect(dialog.textContent).toContain('項次 1：房屋稅可以用哪些方式繳納？');

    document.querySelector<HTMLButtonElement>('[data-testid="defer-ok"]')!.click();
    await settle();
    expect(document.querySelector('[data-testid="defer-reason-error"]')!.textContent).toContain('請說明延期原因');
    http.expectNone({ method: 'POST', url: '/api/proposals/101/defer' });

    const reason = document.querySelector<HTMLTextAreaElement>('[data-testid="defer-reason"]')!;
    reason.value = '  廠商本期無法配合，下期處理  ';
    reason.dispatchEvent(new Event('input'));
    await settle();
    document.querySelector<HTMLButtonElement>('[data-testid="defer-ok"]')!.click();
    await settle(200);

    const defer = http.expectOne({ method: 'POST', url: '/api/proposals/101/defer' });
    expect(defer.request.body).toEqual({ reason: '廠商本期無法配合，下期處理' });
    defer.flush(null, { status: 204, statusText: 'No Content' });
    await reload();
    expect(open).toHaveBeenCalledWith('已將項次 1 延至下期', '關閉', expect.anything());
  });

  it('sends nothing when the defer dialog is cancelled', async () => {
    const { http, inRow } = await render();
    inRow(101, '[data-action="defer"]')!.click();
    await settle();
    document.querySelector<HTMLButtonElement>('[data-testid="defer-cancel"]')!.click();
    await settle(200);
    http.expectNone({ method: 'POST', url: '/api/proposals/101/defer' });
  });

  it('marks a change applied after confirming', async () => {
    const { http, inRow, reload } = await render();
    inRow(101, '[data-action="apply"]')!.click();
    await settle();
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain('確認廠商已套用項次 1');
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    await settle(200);
    const apply = http.expectOne({ method: 'POST', url: '/api/proposals/101/apply' });
    expect(apply.request.body).toEqual({});
    apply.flush(null, { status: 204, statusText: 'No Content' });
    await reload();
    expect(open).toHaveBeenCalledWith('已標示項次 1 為已套用', '關閉', expect.anything());
  });

  it('carries a change deferred earlier into this cycle', async () => {
    const { http, byTestId, reload } = await render();
    const button = byTestId('carried-over')!.querySelector<HTMLButtonElement>('[data-action="carry"]')!;
    expect(button.getAttribute('aria-label')).toBe('將提案 #88 納入本期');
    button.click();
    const carry = http.expectOne({ method: 'POST', url: '/api/proposals/88/carry' });
    expect(carry.request.body).toEqual({ cycleId: 4 });
    carry.flush(null, { status: 204, statusText: 'No Content' });
    await reload(makeOverview({ carriedOver: [] }));
    expect(byTestId('carried-empty')!.textContent).toContain('沒有前期延期的異動');
  });

  it('marks the change set sent, and shows CHANGE_SET_SENT in the page when someone was first', async () => {
    const { http, byTestId, reload } = await render();
    expect(text(byTestId('consolidation-state')!)).toBe('異動彙整表尚未送廠商。');
    byTestId<HTMLButtonElement>('change-set-sent')!.click();
    await settle();
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain(
      '確認已將「115年10月定期調校」的異動彙整表（3 項）送交廠商？',
    );
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    await settle(200);
    const sent = http.expectOne({ method: 'POST', url: '/api/cycles/4/change-set/sent' });
    sent.flush(
      {
        statusCode: 409,
        code: 'CHANGE_SET_SENT',
        message: { 'zh-TW': '異動彙整表已標示送出', en: 'The change set is already marked sent' },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await reload(makeOverview({ changeSetSentAt: '2026-11-21T06:30:00.000Z', changeSetSentBy: '王小明' }));
    const error = byTestId('consolidation-error')!;
    expect(error.textContent).toContain('異動彙整表已標示送出');
    expect(open).not.toHaveBeenCalled();
    expect(byTestId('change-set-sent')).toBeNull();
    expect(text(byTestId('consolidation-state')!)).toContain('王小明');
  });

  it('uploads the vendor’s bank as multipart and shows what was applied, the flagged rows and the closing', async () => {
    const { http, byTestId, fixture, reload } = await render();
    const submit = byTestId<HTMLButtonElement>('reconcile-submit')!;
    expect(submit.disabled).toBe(true);

    const input = byTestId<HTMLInputElement>('reconcile-file')!;
    const file = new File(['題目編號,問句\n'], '115年11月廠商題庫.xlsx');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(byTestId('reconcile-file-name')!.textContent).toContain('115年11月廠商題庫.xlsx');
    expect(submit.disabled).toBe(false);
    submit.click();
    await settle();

    const request = http.expectOne({ method: 'POST', url: '/api/cycles/4/reconcile' });
    const body = request.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('115年11月廠商題庫.xlsx');
    expect(byTestId('reconcile-progress')).not.toBeNull();
    const result: ReconcileResultDto = {
      fileName: '115年11月廠商題庫.xlsx',
      created: 1,
      updated: 4,
      applied: [102, 104],
      flagged: [
        { proposalId: 101, kbItemId: 'HT-0012', problem: 'different', detail: '問句仍為「房屋稅繳納方式有哪些？」' },
        { proposalId: 105, kbItemId: null, problem: 'missing', detail: '廠商題庫找不到 HT-0100' },
      ],
      closed: false,
    };
    request.flush(result);
    await reload();

    expect(byTestId('reconcile-result')!.textContent).toContain('比對結果：115年11月廠商題庫.xlsx');
    expect(byTestId('reconcile-created')!.textContent).toBe('1');
    expect(byTestId('reconcile-updated')!.textContent).toBe('4');
    expect(byTestId('reconcile-applied')!.textContent).toBe('2');
    expect(byTestId('reconcile-flagged-count')!.textContent).toBe('2');
    const flagged = [...byTestId('reconcile-flagged')!.querySelectorAll('tbody tr')].map((row) => [...row.children].map(text));
    expect(flagged).toEqual([
      ['#101 項次 1：房屋稅可以用哪些方式繳納？', 'HT-0012', '內容不同', '問句仍為「房屋稅繳納方式有哪些？」'],
      ['#105', '—', '找不到', '廠商題庫找不到 HT-0100'],
    ]);
    expect(byTestId('reconcile-open')!.textContent).toContain('仍有異動尚未套用');
    expect(byTestId('reconcile-closed')).toBeNull();
    expect(byTestId('reconcile-file-name')).toBeNull();
  });

  it('says when reconciling closed the cycle, and then offers no more actions', async () => {
    const { http, byTestId, fixture, reload, inRow } = await render();
    const input = byTestId<HTMLInputElement>('reconcile-file')!;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'bank.csv')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    byTestId<HTMLButtonElement>('reconcile-submit')!.click();
    await settle();
    http
      .expectOne({ method: 'POST', url: '/api/cycles/4/reconcile' })
      .flush({ fileName: 'bank.csv', created: 0, updated: 1, applied: [101], flagged: [], closed: true } satisfies ReconcileResultDto);
    await reload(
      makeOverview({
        closedAt: '2026-11-28T02:00:00.000Z',
        changes: [{ ...CHANGES[0], status: 'applied', appliedAt: '2026-11-28T02:00:00.000Z' }, CHANGES[1], CHANGES[2]],
      }),
    );
    expect(byTestId('reconcile-closed')!.textContent).toContain('週期已結案');
    expect(byTestId('reconcile-none-flagged')).not.toBeNull();
    expect(text(byTestId('consolidation-state')!)).toContain('已於 115/11/28 10:00 結案。');
    expect(byTestId('reconcile-dropzone')).toBeNull();
    expect(inRow(101, '[data-move]')).toBeNull();
    expect(byTestId('carried-over')!.querySelector('[data-action="carry"]')).toBeNull();
  });

  it('refuses a file of another kind before uploading', async () => {
    const { byTestId, fixture } = await render();
    const input = byTestId<HTMLInputElement>('reconcile-file')!;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'bank.pdf')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(byTestId('reconcile-file-error')!.textContent).toContain('無法比對「bank.pdf」');
    expect(byTestId<HTMLButtonElement>('reconcile-submit')!.disabled).toBe(true);
  });

  it('takes a file dropped on the drop zone', async () => {
    const { byTestId, fixture } = await render();
    const zone = byTestId('reconcile-dropzone')!;
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [new File(['x'], '廠商題庫.csv')] } });
    zone.dispatchEvent(drop);
    await fixture.whenStable();
    expect(byTestId('reconcile-file-name')!.textContent).toContain('廠商題庫.csv');
    expect(byTestId<HTMLButtonElement>('reconcile-submit')!.disabled).toBe(false);
  });

  it.each([[Role.GroupLeader], [Role.Auditor], [Role.SystemAdmin]])('is read-only for %s: no action buttons', async (role) => {
    const { byTestId, host, rows } = await render({ roles: [role] });
    expect(rows()).toHaveLength(3);
    expect(byTestId('consolidation-units')!.querySelectorAll('[data-unit]')).toHaveLength(5);
    expect(byTestId('consolidation-read-only')).not.toBeNull();
    expect(byTestId('change-set-csv')).not.toBeNull();
    expect(byTestId('change-set-sent')).toBeNull();
    expect(byTestId('reconcile-card')).toBeNull();
    expect(host.querySelector('[data-move]')).toBeNull();
    expect(host.querySelector('[data-action]')).toBeNull();
    expect(host.querySelector('.drag-handle')).toBeNull();
    expect(host.querySelectorAll('[data-testid="change-set"] thead th')).toHaveLength(4);
    // Only the rows' own 展開 toggles: nothing that changes anything.
    expect([...host.querySelectorAll('button')].every((button) => button.getAttribute('data-testid') === 'change-expand')).toBe(true);
  });

  it('shows a 修改 that keeps the question as it is: the question once, marked unchanged, the alternates as +/− chips and the answer as a diff', async () => {
    const before = makeProposal().before!;
    const change = makeChange({
      seq: 1,
      content: {
        ...before,
        alternates: ['房屋稅可以刷卡嗎'],
        answer: '可臨櫃、超商、行動支付或線上繳納。',
      },
    });
    const { rows } = await render({ overview: makeOverview({ changes: [change] }) });
    const [row] = rows();
    const question = row.querySelector('[data-field="question"]')!;
    // Not 原 X / 修正後 X with nothing to tell them apart.
    expect(question.querySelector('[data-side]')).toBeNull();
    expect(text(question)).toBe('問句 房屋稅繳納方式有哪些？ 未變更');
    expect([...row.querySelectorAll('[data-change="added"]')].map(text)).toEqual(['+ 新增： 房屋稅可以刷卡嗎']);
    expect([...row.querySelectorAll('[data-change="removed"]')].map(text)).toEqual(['− 移除： 房屋稅怎麼繳']);
    const answer = row.querySelector('[data-field="answer"]')!;
    expect([...answer.querySelectorAll('ins')].map(text).join('')).toContain('行動支付');
    expect(answer.querySelector('del')).toBeNull();
    // Marked parts sit inside the sentence: no spaces added between them.
    expect(answer.querySelector('.answer')!.textContent).toBe('可臨櫃、超商、行動支付或線上繳納。');
    expect(row.querySelector('[data-field="nothing"]')).toBeNull();
    expect(row.querySelector('[data-field="others"]')).toBeNull();

    // Opened, the row also says which alternates stay.
    expect(row.querySelector('[data-field="kept"]')).toBeNull();
    row.querySelector<HTMLButtonElement>('[data-testid="change-expand"]')!.click();
    await settle();
    expect(row.classList).toContain('is-open');
    expect(row.querySelector('[data-field="kept"]')).toBeNull(); // nothing kept: 房屋稅怎麼繳 was removed
  });

  it('keeps an addition at the end of a long answer in view, and shows the whole answer once the row is opened', async () => {
    const before = makeProposal().before!;
    const long = '非營業用車輛的使用牌照稅每年4月1日至4月30日一次徵收；營業用車輛分兩期，於每年4月1日及10月1日起各開徵一個月。';
    const change = makeChange({
      seq: 1,
      before: { ...before, answer: long },
      content: { ...before, answer: `${long}身心障礙者使用之車輛可申請免徵。` },
    });
    const { rows } = await render({ overview: makeOverview({ changes: [change] }) });
    const [row] = rows();
    const answer = () => row.querySelector<HTMLElement>('[data-field="answer"] .answer')!;
    expect([...answer().querySelectorAll('ins')].map((ins) => ins.textContent).join('')).toBe('身心障礙者使用之車輛可申請免徵。');
    expect(answer().textContent!.startsWith('…')).toBe(true);
    expect(answer().textContent!.length).toBeLessThan(long.length);
    row.querySelector<HTMLButtonElement>('[data-testid="change-expand"]')!.click();
    await settle();
    expect(answer().textContent).toBe(`${long}身心障礙者使用之車輛可申請免徵。`);
  });

  it('says so when a 修改 changes nothing, and marks every unchanged field', async () => {
    const before = makeProposal().before!;
    const change = makeChange({ seq: 1, content: { ...before, alternates: [...before.alternates] } });
    const { rows } = await render({ overview: makeOverview({ changes: [change] }) });
    const [row] = rows();
    expect(row.querySelectorAll('[data-unchanged]')).toHaveLength(3);
    expect(text(row.querySelector('[data-field="nothing"]')!)).toBe('兩個版本的內容相同：此修改沒有改變任何內容。');
  });

  it('puts units with nothing to do after those with work, keeping the server’s order within each', async () => {
    const units: ConsolidationDto['units'] = [
      { unitCode: 'CT', unitName: '消費稅科', status: 'not-started', proposals: 0, approved: 0 },
      { unitCode: 'HT', unitName: '房屋稅科', status: 'in-progress', proposals: 2, approved: 0 },
      { unitCode: 'IT', unitName: '資訊科', status: 'not-started', proposals: 0, approved: 0 },
      { unitCode: 'LV', unitName: '地價稅科', status: 'approved', proposals: 1, approved: 1 },
      { unitCode: 'ZL', unitName: '中壢分局', status: 'not-started', proposals: 0, approved: 0 },
    ];
    const { byTestId } = await render({ overview: makeOverview({ units }) });
    const order = [...byTestId('consolidation-units')!.querySelectorAll('[data-unit]')].map((row) => row.getAttribute('data-unit'));
    expect(order).toEqual(['HT', 'LV', 'CT', 'IT', 'ZL']);
    const idle = byTestId('consolidation-units-idle')!;
    expect(text(idle.querySelector('th')!)).toBe('本期沒有待辦的單位（3）');
    expect([...idle.querySelectorAll('[data-unit] a')].map((a) => [text(a), a.getAttribute('href')])).toEqual([
      ['消費稅科', '/proposals/lists/4/CT'],
      ['資訊科', '/proposals/lists/4/IT'],
      ['中壢分局', '/proposals/lists/4/ZL'],
    ]);
  });

  it('says when there is nothing to consolidate', async () => {
    const { byTestId } = await render({ overview: makeOverview({ units: [], changes: [], carriedOver: [] }) });
    expect(byTestId('change-set-empty')!.textContent).toContain('本期尚無已核定的異動');
    expect(byTestId('consolidation-units-empty')!.textContent).toContain('沒有單位');
    expect(byTestId('carried-empty')).not.toBeNull();
  });

  it('shows an unknown cycle as such, without a snackbar', async () => {
    signIn({ roles: [Role.ServiceSection] });
    const fixture = TestBed.createComponent(ConsolidationPageComponent);
    fixture.componentRef.setInput('cycleId', '99');
    TestBed.tick();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/cycles/99/consolidation')
      .flush(
        { statusCode: 404, code: 'CYCLE_NOT_FOUND', message: { 'zh-TW': '找不到調校週期 #99', en: 'No cycle #99' } },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[data-testid="consolidation-not-found"]')!.textContent).toContain('找不到調校週期 #99');
    expect(open).not.toHaveBeenCalled();
  });
});
