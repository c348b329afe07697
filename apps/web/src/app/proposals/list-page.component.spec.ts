import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type MeDto, type ProposalListDto, Role } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { ListPageComponent, listRows } from './list-page.component';
import { apiError, makeDeleteProposal, makeList, makeModifyProposal, makeProposal } from './proposals-testing';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

/** What a cell says, piece by piece, icon ligatures left out. */
function text(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.textContent!.replace(/\s+/g, ' ').trim());
  return pieces.filter(Boolean).join(' ');
}

const SUBMITTED: ProposalListDto = makeList({
  status: 'submitted',
  submittedBy: { account: 'chen.mh', name: '陳美華' },
  submittedAt: '2026-11-05T06:00:00.000Z',
  proposals: makeList().proposals.map((proposal) => ({ ...proposal, status: 'submitted' as const, warnings: [] })),
});

const APPROVED: ProposalListDto = {
  ...SUBMITTED,
  status: 'approved',
  approvedBy: { account: 'lee.hd', name: '李主任' },
  approvedAt: '2026-11-06T02:00:00.000Z',
  proposals: SUBMITTED.proposals.map((proposal) => ({ ...proposal, status: 'approved' as const })),
};

describe('ListPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'proposals/lists/:cycleId/:unit', component: ListPageComponent },
            { path: '**', component: BlankComponent },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(list: ProposalListDto, options: { roles?: Role[]; me?: Partial<MeDto> } = {}) {
    signIn({ roles: options.roles ?? [Role.KnowledgeContact], ...options.me });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/proposals/lists/4/ht');
    const http = TestBed.inject(HttpTestingController);
    http.expectOne({ method: 'GET', url: '/api/cycles/4/lists/HT' }).flush(list);
    await settle();
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    const all = (id: string) => [...host.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
    const rows = () => all('list-row');
    const rowOf = (id: number) => host.querySelector<HTMLElement>(`[data-testid="list-row"][data-id="${id}"]`)!;
    const confirm = async () => {
      await settle();
      document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
      await new Promise((resolve) => setTimeout(resolve, 200));
      TestBed.tick();
    };
    return { harness, http, host, byTestId, all, rows, rowOf, confirm };
  }

  it('lets the unit’s contact edit drafts and returned proposals and send the list', async () => {
    const list = makeList({
      status: 'returned',
      proposals: [
        makeProposal(),
        makeModifyProposal({ status: 'returned', returnComment: '請補充手續費說明' }),
        makeDeleteProposal({ status: 'approved' }),
      ],
    });
    const { http, byTestId, all, rowOf, confirm } = await render(list);

    expect(byTestId('list-status')!.textContent).toContain('主管退回');
    expect(byTestId('list-returned')).not.toBeNull();
    expect(byTestId('list-add')!.getAttribute('href')).toBe('/proposals/new?cycle=4');
    expect(rowOf(12).querySelector('[data-testid="row-edit"]')!.getAttribute('href')).toBe('/proposals/12/edit');
    expect(rowOf(12).querySelector('[data-testid="row-remove"]')).not.toBeNull();
    // Returned: edited again, not deleted; its comment beside it.
    expect(rowOf(13).querySelector('[data-testid="row-edit"]')!.getAttribute('href')).toBe('/proposals/13/edit');
    expect(rowOf(13).querySelector('[data-testid="row-remove"]')).toBeNull();
    expect(rowOf(13).querySelector('[data-testid="return-comment"]')!.textContent).toContain('請補充手續費說明');
    expect(rowOf(14).querySelector('[data-testid="row-edit"]')).toBeNull();
    expect(byTestId('list-approve')).toBeNull();
    expect(byTestId('list-return')).toBeNull();

    byTestId<HTMLButtonElement>('list-submit')!.click();
    await settle();
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain('將房屋稅科的 2 項提案送請單位主管核章？');
    await confirm();
    const submit = http.expectOne({ method: 'POST', url: '/api/cycles/4/lists/HT/submit' });
    expect(submit.request.body).toEqual({});
    submit.flush(SUBMITTED);
    await settle();

    expect(byTestId('list-status')!.textContent).toContain('待主管核章');
    expect(byTestId('list-submitted')!.textContent).toContain('陳美華 已於 115/11/05 14:00 送出，待單位主管核章。');
    expect(byTestId('list-submit')).toBeNull();
    expect(byTestId('list-add')).toBeNull();
    expect(all('row-edit')).toHaveLength(0);
    expect(byTestId('list-sign')!.querySelector('[data-sign="contact"]')!.textContent).toContain('陳美華');
    expect(open).toHaveBeenCalledWith('已送出清單，待單位主管核章', '關閉', expect.anything());
  });

  it('deletes a draft after asking, and shows the list again', async () => {
    const { http, rowOf, rows, confirm } = await render(makeList());
    rowOf(12).querySelector<HTMLButtonElement>('[data-testid="row-remove"]')!.click();
    await confirm();
    http.expectOne({ method: 'DELETE', url: '/api/proposals/12' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    http.expectOne('/api/cycles/4/lists/HT').flush(makeList({ proposals: [makeModifyProposal(), makeDeleteProposal()] }));
    await settle();
    expect(rows().map((row) => row.getAttribute('data-id'))).toEqual(['13', '14']);
    expect(rows().map((row) => text(row.querySelector('td')!))).toEqual(['1', '2']);
  });

  it('lets the unit head approve (核章), then shows who approved when, and nothing can be changed', async () => {
    const { http, byTestId, all, confirm } = await render(SUBMITTED, {
      roles: [Role.UnitHead],
      me: { account: 'lee.hd', displayName: '李主任' },
    });
    expect(byTestId('list-submit')).toBeNull();
    expect(all('row-edit')).toHaveLength(0);

    byTestId<HTMLButtonElement>('list-approve')!.click();
    await settle();
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain('核定房屋稅科資料檢視清單的 3 項提案？');
    await confirm();
    const approve = http.expectOne({ method: 'POST', url: '/api/cycles/4/lists/HT/approve' });
    expect(approve.request.body).toEqual({});
    approve.flush(APPROVED);
    await settle();

    expect(byTestId('list-status')!.textContent).toContain('已核章');
    expect(byTestId('list-approved')!.textContent).toContain('已於 115/11/06 10:00 由 李主任 核章。');
    expect(byTestId('list-approve')).toBeNull();
    expect(byTestId('list-return')).toBeNull();
    const head = byTestId('list-sign')!.querySelector('[data-sign="head"]')!;
    expect([...head.querySelectorAll('span')].map((span) => span.textContent!.trim())).toEqual(['李主任', '115/11/06 10:00', '核章']);
    expect(open).toHaveBeenCalledWith('已核章', '關閉', expect.anything());
  });

  it('lets the unit head return the list with a comment on at least one proposal, each written right below its proposal', async () => {
    const { http, host, byTestId, rowOf } = await render(SUBMITTED, { roles: [Role.UnitHead] });
    const boxes = () => [...host.querySelectorAll<HTMLTextAreaElement>('[data-testid="return-comment-input"]')];
    expect(boxes()).toHaveLength(0);
    byTestId<HTMLButtonElement>('list-return')!.click();
    await settle();

    // 退回 opens one box, in a row right below the first proposal, focused, naming it.
    expect(boxes()).toHaveLength(1);
    const below12 = rowOf(12).nextElementSibling as HTMLElement;
    expect(below12.getAttribute('data-testid')).toBe('return-comment-row');
    expect(below12.contains(boxes()[0])).toBe(true);
    expect(text(below12.querySelector('label')!)).toBe('退回意見：項次 1「房屋稅可以用信用卡繳嗎？」');
    expect(boxes()[0].getAttribute('aria-label')).toBe('項次 1 的退回意見');
    expect(document.activeElement).toBe(boxes()[0]);
    expect(byTestId('list-approve')).toBeNull();
    // The row that has its box has no button; the others do.
    expect(rowOf(12).querySelector('[data-testid="row-comment"]')).toBeNull();
    expect(rowOf(14).querySelector('[data-testid="row-comment"]')!.getAttribute('aria-label')).toBe('對項次 3 填寫退回意見');

    // No comment: nothing is sent.
    boxes()[0].value = '   ';
    boxes()[0].dispatchEvent(new Event('input'));
    byTestId<HTMLButtonElement>('list-return-confirm')!.click();
    await settle();
    http.expectNone('/api/cycles/4/lists/HT/return');
    expect(byTestId('list-return-error')!.textContent).toContain('請至少對一項提案填寫退回意見。');

    // 項次 2's own button opens its box right below it, focused; 項次 1's is dropped.
    rowOf(13).querySelector<HTMLButtonElement>('[data-testid="row-comment"]')!.click();
    await settle();
    const below13 = rowOf(13).nextElementSibling as HTMLElement;
    expect(below13.getAttribute('data-for')).toBe('13');
    const box = below13.querySelector<HTMLTextAreaElement>('[data-testid="return-comment-input"]')!;
    expect(document.activeElement).toBe(box);
    expect(text(below13.querySelector('label')!)).toBe('退回意見：項次 2「房屋稅繳納方式有哪些？」');
    below12.querySelector<HTMLButtonElement>('[data-testid="return-comment-discard"]')!.click();
    await settle();
    expect(rowOf(12).nextElementSibling).toBe(rowOf(13));
    expect(boxes()).toEqual([box]);

    box.value = ' 請補充信用卡手續費說明 ';
    box.dispatchEvent(new Event('input'));
    await settle();
    expect(byTestId('list-return-error')).toBeNull();
    expect(byTestId('list-return-count')!.textContent).toContain('已對 1 項提案填寫意見');
    byTestId<HTMLButtonElement>('list-return-confirm')!.click();
    await settle();
    const request = http.expectOne({ method: 'POST', url: '/api/cycles/4/lists/HT/return' });
    expect(request.request.body).toEqual({ comments: { '13': '請補充信用卡手續費說明' } });
    request.flush({
      ...SUBMITTED,
      status: 'returned',
      proposals: SUBMITTED.proposals.map((proposal) =>
        proposal.id === 13 ? { ...proposal, status: 'returned' as const, returnComment: '請補充信用卡手續費說明' } : proposal,
      ),
    });
    await settle();
    expect(byTestId('list-status')!.textContent).toContain('主管退回');
    expect(byTestId('list-return-bar')).toBeNull();
    expect(host.querySelectorAll('[data-testid="return-comment-input"]')).toHaveLength(0);
    expect(rowOf(13).querySelector('[data-testid="return-comment"]')!.textContent).toContain('請補充信用卡手續費說明');
    expect(open).toHaveBeenCalledWith('已退回清單', '關閉', expect.anything());
  });

  it('opens a row to show all its alternates, and closes it again', async () => {
    const many = makeList({
      proposals: [
        makeProposal({
          content: { ...makeProposal().content!, alternates: ['甲問法', '乙問法', '丙問法', '丁問法', '戊問法'] },
        }),
      ],
    });
    const { rowOf } = await render(many);
    const row = rowOf(12);
    const hidden = () => [...row.querySelectorAll('.col-alternates li.extra')].map(text);
    expect(hidden()).toEqual(['丁問法', '戊問法']);
    expect(text(row.querySelector('[data-testid="row-more"]')!)).toBe('另 2 則');
    const expand = row.querySelector<HTMLButtonElement>('[data-testid="row-expand"]')!;
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    expand.click();
    await settle();
    expect(row.classList).toContain('is-open');
    expect(expand.getAttribute('aria-expanded')).toBe('true');
    expect(expand.getAttribute('aria-label')).toBe('收合項次 1');
    expect(hidden()).toEqual([]);
    expect(row.querySelector('[data-testid="row-more"]')).toBeNull();
    expand.click();
    await settle();
    expect(hidden()).toEqual(['丁問法', '戊問法']);
  });

  it('shows an approved list to its contact with no edit buttons', async () => {
    const { byTestId, all } = await render(APPROVED);
    expect(byTestId('list-approved')).not.toBeNull();
    expect(all('row-edit')).toHaveLength(0);
    expect(all('row-remove')).toHaveLength(0);
    expect(byTestId('list-submit')).toBeNull();
    expect(byTestId('list-add')).toBeNull();
    expect(byTestId('list-table')!.querySelector('.col-actions')).toBeNull();
  });

  it('shows another unit’s list read-only', async () => {
    const { byTestId, all } = await render(makeList(), { me: { unitCode: 'LV', unitName: '牌照稅科' } });
    expect(all('list-row')).toHaveLength(3);
    expect(all('row-edit')).toHaveLength(0);
    expect(byTestId('list-submit')).toBeNull();
    expect(byTestId('list-add')).toBeNull();
  });

  it('shows the server’s refusal and the list as it now is', async () => {
    const { http, byTestId, confirm } = await render(SUBMITTED, { roles: [Role.UnitHead] });
    byTestId<HTMLButtonElement>('list-approve')!.click();
    await confirm();
    const state = apiError(409, 'LIST_STATE', '清單不在待核章狀態', 'The list is not waiting for approval');
    http.expectOne('/api/cycles/4/lists/HT/approve').flush(state.body, state.options);
    await settle();
    expect(byTestId('list-error')!.textContent).toContain('清單不在待核章狀態');
    http.expectOne('/api/cycles/4/lists/HT').flush(APPROVED);
    await settle();
    expect(byTestId('list-status')!.textContent).toContain('已核章');
    expect(open).not.toHaveBeenCalled();
  });

  it('prints as 附件二: title, unit, cycle, the table in the attachment’s columns and the two signature boxes', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    const warned = makeList({
      proposals: [
        makeProposal({
          warnings: [
            { code: 'past-year', ref: null, message: { 'zh-TW': '內容提到過去的年份：113年', en: 'It mentions past years: 113年' } },
          ],
        }),
        makeModifyProposal(),
        makeDeleteProposal(),
      ],
    });
    const { byTestId, rowOf } = await render(warned);
    byTestId<HTMLButtonElement>('list-print')!.click();
    expect(print).toHaveBeenCalled();

    const sheet = byTestId('list-sheet')!;
    expect(text(sheet.querySelector('.sheet__title')!)).toBe('資料檢視清單');
    expect(text(sheet.querySelector('.sheet__attachment')!)).toBe('附件二');
    expect(text(sheet.querySelector('[data-field="unit"]')!)).toBe('單位：房屋稅科（HT）');
    expect(text(sheet.querySelector('[data-field="cycle"]')!)).toBe('調校週期：115年10月定期調校');
    expect(text(sheet.querySelector('[data-field="count"]')!)).toBe('共 3 項');

    const printed = (cells: Element[]) => cells.filter((cell) => !cell.classList.contains('td-no-print'));
    expect(printed([...sheet.querySelectorAll('[data-testid="list-table"] thead th')]).map(text)).toEqual([
      '項次',
      '異動類別',
      '題目編號',
      '稅目',
      '原問句／修正後問句',
      '相似問句',
      '修正後答案',
      '原因',
    ]);
    const cells = (id: number) => printed([...rowOf(id).querySelectorAll('td')]).map(text);
    expect(cells(12)).toEqual([
      '1',
      '新增',
      '（新題目）',
      '房屋稅',
      '修正後 房屋稅可以用信用卡繳嗎？',
      '房屋稅刷卡 信用卡繳房屋稅',
      '可以，透過信用卡繳稅網站繳納。',
      '民眾問法：「房屋稅可以用信用卡繳嗎」20 次',
    ]);
    expect(cells(13)).toEqual([
      '2',
      '修改',
      'HT-0012',
      '房屋稅',
      '原 房屋稅繳納方式有哪些？ 修正後 房屋稅繳納方式有哪些？',
      '房屋稅怎麼繳 房屋稅可以刷卡嗎 房屋稅繳費方式',
      '可臨櫃、超商、金融機構或信用卡繳納。',
      '民眾常問信用卡繳納',
    ]);
    expect(rowOf(13).querySelector('.col-alternates ins')!.textContent).toBe('房屋稅可以刷卡嗎');
    expect(rowOf(13).querySelector('.col-alternates del')!.textContent).toBe('房屋稅繳費方式');
    expect(cells(14)).toEqual(['3', '刪除', 'HT-0099', '房屋稅', '原 113年房屋稅減半措施？ （刪除此題）', '房屋稅減半', '—', '措施已結束']);
    // On screen only: status, warnings, the head's comment.
    expect(rowOf(12).querySelector('.col-state')!.classList).toContain('td-no-print');
    expect(rowOf(12).querySelector('[data-testid="row-warnings"]')!.textContent).toContain('提及過去年度：內容提到過去的年份：113年');

    const sign = byTestId('list-sign')!;
    expect([...sign.querySelectorAll('th')].map(text)).toEqual(['知識維護窗口', '單位主管']);
    expect(text(sign.querySelector('[data-sign="contact"]')!)).toBe('');
    expect(text(sign.querySelector('[data-sign="head"]')!)).toBe('');
    print.mockRestore();
  });

  it('says so when the list is not there', async () => {
    signIn({ roles: [Role.KnowledgeContact] });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/proposals/lists/4/XX');
    const missing = apiError(404, 'LIST_NOT_FOUND', '找不到此清單', 'No such list');
    TestBed.inject(HttpTestingController).expectOne('/api/cycles/4/lists/XX').flush(missing.body, missing.options);
    await settle();
    expect(harness.routeNativeElement!.querySelector('[data-testid="list-not-found"]')).not.toBeNull();
    expect(open).not.toHaveBeenCalled();
  });

  it('lays the rows out by kind', () => {
    const rows = listRows(makeList());
    expect(rows.map((row) => [row.no, row.kind, row.original, row.revised, row.answer === null])).toEqual([
      [1, 'add', null, '房屋稅可以用信用卡繳嗎？', false],
      [2, 'modify', '房屋稅繳納方式有哪些？', '房屋稅繳納方式有哪些？', false],
      [3, 'delete', '113年房屋稅減半措施？', null, true],
    ]);
    expect(rows[1].addedAlternates).toEqual(['房屋稅可以刷卡嗎']);
    expect(rows[1].removedAlternates).toEqual(['房屋稅繳費方式']);
  });
});
