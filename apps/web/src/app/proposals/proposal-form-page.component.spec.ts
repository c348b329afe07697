import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type MeDto, type ProposalListStateDto, type ProposalWarning, Role } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { signIn } from '../testing/auth-testing';
import {
  PROPOSAL_WARNINGS_DEBOUNCE_MS,
  ProposalFormPageComponent,
  reasonFromAddress,
  reasonFromSource,
} from './proposal-form-page.component';
import { UNITS, apiError, makeKbItem, makeModifyProposal, makeQueueDetail } from './proposals-testing';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

/** Fake timers drive the debounce; the rest (rendering, the router) runs on real ones again. */
function realTimers(): void {
  jest.runOnlyPendingTimers();
  jest.useRealTimers();
}

const WARNINGS_URL = '/api/proposals/warnings';

/** The contact's own list of cycle 4, still open (the state every new proposal is asked for first). */
function listState(overrides: Partial<ProposalListStateDto> = {}): ProposalListStateDto {
  return {
    cycleId: 4,
    cycleLabel: '115年10月',
    unitCode: 'HT',
    unitName: '房屋稅科',
    status: 'in-progress',
    open: true,
    submittedAt: null,
    approvedAt: null,
    instead: null,
    ...overrides,
  };
}

describe('ProposalFormPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'proposals/new', component: ProposalFormPageComponent },
            { path: 'proposals/:id/edit', component: ProposalFormPageComponent },
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

  afterEach(() => {
    const http = TestBed.inject(HttpTestingController);
    // The warnings follow every change; the test about them answers them, the others may leave them.
    http.match(WARNINGS_URL);
    http.verify();
    jest.useRealTimers();
  });

  async function render(url: string, options: { roles?: Role[]; me?: Partial<MeDto>; list?: ProposalListStateDto } = {}) {
    signIn({ roles: options.roles ?? [Role.KnowledgeContact], ...options.me });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    const http = TestBed.inject(HttpTestingController);
    // A new proposal first asks whether the list still takes one.
    for (const request of http.match((r) => r.url.endsWith('/list-state'))) request.flush(options.list ?? listState());
    if (options.list) await settle();
    const router = TestBed.inject(Router);
    const host = harness.routeNativeElement!;
    const $ = <T extends HTMLElement = HTMLElement>(selector: string) => host.querySelector<T>(selector);
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => $<T>(`[data-testid="${id}"]`);
    const type = (id: string, value: string) => {
      const field = byTestId<HTMLInputElement | HTMLTextAreaElement>(id)!;
      field.value = value;
      field.dispatchEvent(new Event('input'));
      TestBed.tick();
    };
    const value = (id: string) => byTestId<HTMLInputElement | HTMLTextAreaElement>(id)!.value;
    const units = () => http.expectOne('/api/units').flush(UNITS);
    const save = async () => {
      byTestId<HTMLButtonElement>('proposal-save')!.click();
      await settle();
    };
    return { harness, http, router, host, $, byTestId, type, value, units, save };
  }

  it('adds an item: the reason starts from the source’s wordings, and the form posts the content as lists', async () => {
    const { http, router, byTestId, type, value, units, save } = await render('/proposals/new?cycle=4&source=cluster:77');
    units();
    http.expectOne('/api/queue/cluster/77').flush(makeQueueDetail());
    await settle();

    expect(byTestId('proposal-source')!.textContent).toContain('來源：問句群組 #77');
    expect(byTestId('proposal-source')!.textContent).toContain('「房屋稅可以用信用卡繳嗎」');
    expect(byTestId('proposal-kind')!.querySelector<HTMLInputElement>('[data-kind="add"] input')!.checked).toBe(true);
    expect(byTestId('proposal-item')).toBeNull();
    // Most asked first.
    expect(value('proposal-reason')).toBe('民眾問法：「房屋稅可以用信用卡繳嗎」20 次、「房屋稅刷卡」9 次、「信用卡繳房屋稅」7 次');

    type('proposal-category', ' 房屋稅 ');
    type('proposal-question', '房屋稅可以用信用卡繳嗎？');
    type('proposal-alternates', '房屋稅刷卡\n\n 信用卡繳房屋稅 \n房屋稅刷卡');
    type('proposal-answer', '可以，透過信用卡繳稅網站繳納。');
    type('proposal-keywords', '信用卡、 刷卡,繳稅');
    expect(byTestId('proposal-content')!.textContent).toContain('一行一個問法；目前 2 個');
    await save();

    const create = http.expectOne({ method: 'POST', url: '/api/proposals' });
    expect(create.request.body).toEqual({
      cycleId: 4,
      kind: 'add',
      kbItemId: null,
      content: {
        category: '房屋稅',
        question: '房屋稅可以用信用卡繳嗎？',
        alternates: ['房屋稅刷卡', '信用卡繳房屋稅'],
        answer: '可以，透過信用卡繳稅網站繳納。',
        keywords: ['信用卡', '刷卡', '繳稅'],
        ownerUnitCode: 'HT',
      },
      reason: '民眾問法：「房屋稅可以用信用卡繳嗎」20 次、「房屋稅刷卡」9 次、「信用卡繳房屋稅」7 次',
      source: { kind: 'cluster', id: 77 },
    });
    create.flush({ ...makeModifyProposal(), id: 21, kind: 'add' }, { status: 201, statusText: 'Created' });
    await settle();
    expect(router.url).toBe('/proposals/lists/4/HT');
    expect(open).toHaveBeenCalledWith('已儲存提案 #21', '關閉', expect.anything());
  });

  it('says what is missing before sending anything', async () => {
    const { http, host, byTestId, units, save } = await render('/proposals/new?cycle=4');
    units();
    await settle();
    expect(byTestId<HTMLTextAreaElement>('proposal-reason')!.value).toBe('');
    await save();
    http.expectNone({ method: 'POST', url: '/api/proposals' });
    expect(host.textContent).toContain('請填寫原因');
    expect(document.activeElement).toBe(byTestId('proposal-category'));
  });

  it('modifies an item: starts from its content, shows the changes live, and posts the content', async () => {
    const { http, router, byTestId, type, value, units, save } = await render('/proposals/new?cycle=4&item=HT-0012');
    units();
    http.expectOne('/api/kb/items/HT-0012').flush(makeKbItem());
    await settle();

    expect(byTestId('proposal-kind')!.querySelector<HTMLInputElement>('[data-kind="modify"] input')!.checked).toBe(true);
    expect(value('proposal-item-id')).toBe('HT-0012');
    expect(byTestId('proposal-current-item')!.textContent).toContain('（第 3 版）');
    expect(value('proposal-question')).toBe('房屋稅繳納方式有哪些？');
    expect(value('proposal-alternates')).toBe('房屋稅怎麼繳\n房屋稅繳費方式');
    expect(value('proposal-answer')).toBe('可臨櫃、超商或金融機構繳納。');
    expect(value('proposal-keywords')).toBe('房屋稅、繳納');
    // Nothing changed yet.
    expect(byTestId('proposal-diff')!.textContent).toContain('兩個版本的內容相同');

    type('proposal-answer', '可臨櫃、超商、金融機構或信用卡繳納。');
    type('proposal-alternates', '房屋稅怎麼繳\n房屋稅可以刷卡嗎');
    const diff = byTestId('proposal-diff')!;
    expect(diff.querySelector('h2')!.textContent).toContain('與現行版本（第 3 版）的差異');
    expect(diff.querySelector('[data-change="added"]')!.textContent).toContain('房屋稅可以刷卡嗎');
    expect(diff.querySelector('[data-change="removed"]')!.textContent).toContain('房屋稅繳費方式');
    const answer = diff.querySelector('tr[data-field="answer"]')!;
    expect([...answer.querySelectorAll('[data-side="before"] del')].map((el) => el.textContent)).toEqual(['或']);
    expect([...answer.querySelectorAll('[data-side="after"] ins')].map((el) => el.textContent)).toEqual(['、', '或信用卡']);
    expect(answer.querySelector('[data-side="after"]')!.textContent).toBe('可臨櫃、超商、金融機構或信用卡繳納。');
    // The unchanged fields wait behind the toggle.
    expect(diff.querySelector('tr[data-field="question"]')).toBeNull();

    type('proposal-reason', '民眾常問信用卡繳納');
    await save();
    const create = http.expectOne({ method: 'POST', url: '/api/proposals' });
    expect(create.request.body).toEqual({
      cycleId: 4,
      kind: 'modify',
      kbItemId: 'HT-0012',
      content: {
        category: '房屋稅',
        question: '房屋稅繳納方式有哪些？',
        alternates: ['房屋稅怎麼繳', '房屋稅可以刷卡嗎'],
        answer: '可臨櫃、超商、金融機構或信用卡繳納。',
        keywords: ['房屋稅', '繳納'],
        ownerUnitCode: 'HT',
      },
      reason: '民眾常問信用卡繳納',
      source: null,
    });
    create.flush(makeModifyProposal({ id: 22 }), { status: 201, statusText: 'Created' });
    await settle();
    expect(router.url).toBe('/proposals/lists/4/HT');
  });

  it('deletes an item picked by its id: no content, a required reason', async () => {
    const { http, $, byTestId, type, units, save } = await render('/proposals/new?cycle=4');
    units();
    await settle();
    $<HTMLInputElement>('[data-kind="delete"] input')!.click();
    await settle();
    expect(byTestId('proposal-content')).toBeNull();

    await save();
    http.expectNone({ method: 'POST', url: '/api/proposals' });
    expect(byTestId('proposal-item')!.textContent).toContain('請填寫題目編號');

    type('proposal-item-id', ' HT-0099 ');
    byTestId<HTMLButtonElement>('proposal-item-load')!.click();
    await settle();
    http
      .expectOne('/api/kb/items/HT-0099')
      .flush(makeKbItem({ id: 'HT-0099', question: '113年房屋稅減半措施？', answer: '113年度適用。' }));
    await settle();
    expect(byTestId('proposal-current-question')!.textContent).toBe('113年房屋稅減半措施？');
    expect(byTestId('proposal-current-item')!.textContent).toContain('113年度適用。');
    expect(byTestId('proposal-diff')).toBeNull();

    type('proposal-reason', '措施已結束');
    await save();
    const create = http.expectOne({ method: 'POST', url: '/api/proposals' });
    expect(create.request.body).toEqual({
      cycleId: 4,
      kind: 'delete',
      kbItemId: 'HT-0099',
      content: null,
      reason: '措施已結束',
      source: null,
    });
    create.flush(makeModifyProposal({ id: 23, kind: 'delete' }), { status: 201, statusText: 'Created' });
    await settle();
  });

  it('starts as the deletion of the item the address names, with the reason it gives (the dashboard’s 提出刪除)', async () => {
    const reason = encodeURIComponent('  115年8月至115年10月連續三個月無人使用 ');
    const { http, byTestId, value, units, save } = await render(`/proposals/new?cycle=4&item=HT-0099&kind=delete&reason=${reason}`);
    units();
    http
      .expectOne('/api/kb/items/HT-0099')
      .flush(makeKbItem({ id: 'HT-0099', question: '113年房屋稅減半措施？', answer: '113年度適用。' }));
    await settle();

    const kind = byTestId('proposal-kind')!;
    expect(kind.querySelector<HTMLInputElement>('[data-kind="delete"] input')!.checked).toBe(true);
    expect(kind.querySelector<HTMLInputElement>('[data-kind="modify"] input')!.checked).toBe(false);
    expect(value('proposal-item-id')).toBe('HT-0099');
    expect(byTestId('proposal-current-question')!.textContent).toBe('113年房屋稅減半措施？');
    expect(byTestId('proposal-content')).toBeNull();
    expect(value('proposal-reason')).toBe('115年8月至115年10月連續三個月無人使用');

    await save();
    const create = http.expectOne({ method: 'POST', url: '/api/proposals' });
    expect(create.request.body).toEqual({
      cycleId: 4,
      kind: 'delete',
      kbItemId: 'HT-0099',
      content: null,
      reason: '115年8月至115年10月連續三個月無人使用',
      source: null,
    });
    create.flush(makeModifyProposal({ id: 24, kind: 'delete' }), { status: 201, statusText: 'Created' });
    await settle();
  });

  it('prefers the address’s reason to the one the source would write, cut to the field’s limit', async () => {
    const long = '無人使用'.repeat(600);
    const { http, value, units } = await render(
      `/proposals/new?cycle=4&source=cluster:77&item=HT-0012&kind=delete&reason=${encodeURIComponent(long)}`,
    );
    units();
    http.expectOne('/api/kb/items/HT-0012').flush(makeKbItem());
    http.expectOne('/api/queue/cluster/77').flush(makeQueueDetail());
    await settle();
    expect(value('proposal-reason')).toBe(long.slice(0, 2000));
    expect(value('proposal-reason')).toHaveLength(2000);
  });

  it('ignores a kind it does not know: the item of the address is then modified', async () => {
    const { http, byTestId, value, units } = await render('/proposals/new?cycle=4&item=HT-0012&kind=erase&reason=%20%20');
    units();
    http.expectOne('/api/kb/items/HT-0012').flush(makeKbItem());
    await settle();
    expect(byTestId('proposal-kind')!.querySelector<HTMLInputElement>('[data-kind="modify"] input')!.checked).toBe(true);
    expect(value('proposal-question')).toBe('房屋稅繳納方式有哪些？');
    expect(value('proposal-reason')).toBe('');
  });

  it('ignores a kind it does not know without an item too: a new item is added', async () => {
    const { byTestId, units } = await render('/proposals/new?cycle=4&kind=remove');
    units();
    await settle();
    expect(byTestId('proposal-kind')!.querySelector<HTMLInputElement>('[data-kind="add"] input')!.checked).toBe(true);
    expect(byTestId('proposal-item')).toBeNull();
    expect(byTestId('proposal-content')).not.toBeNull();
  });

  it('starts as a deletion without an item when the address says delete but names none', async () => {
    const { http, byTestId, value, units } = await render('/proposals/new?cycle=4&kind=delete');
    units();
    await settle();
    expect(byTestId('proposal-kind')!.querySelector<HTMLInputElement>('[data-kind="delete"] input')!.checked).toBe(true);
    expect(value('proposal-item-id')).toBe('');
    expect(byTestId('proposal-content')).toBeNull();
    http.expectNone((req) => req.url.startsWith('/api/kb/items/'));
  });

  it('says so when the item id names no item', async () => {
    const { http, $, byTestId, type, units } = await render('/proposals/new?cycle=4');
    units();
    await settle();
    $<HTMLInputElement>('[data-kind="modify"] input')!.click();
    await settle();
    type('proposal-item-id', 'HT-9999');
    byTestId<HTMLInputElement>('proposal-item-id')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle();
    const missing = apiError(404, 'KB_ITEM_NOT_FOUND', '找不到題目 HT-9999', 'No knowledge item HT-9999');
    http.expectOne('/api/kb/items/HT-9999').flush(missing.body, missing.options);
    await settle();
    expect(byTestId('proposal-item-missing')!.textContent).toContain('找不到題目 HT-9999。');
    expect(open).not.toHaveBeenCalled();
  });

  it('asks for the warnings once typing has paused, and shows them above the save button', async () => {
    const { http, host, byTestId, type, units } = await render('/proposals/new?cycle=4');
    units();
    await settle();
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    type('proposal-category', '房屋稅');
    type('proposal-question', '房屋稅');
    jest.advanceTimersByTime(PROPOSAL_WARNINGS_DEBOUNCE_MS - 1);
    type('proposal-question', '房屋稅刷卡');
    jest.advanceTimersByTime(PROPOSAL_WARNINGS_DEBOUNCE_MS - 1);
    TestBed.tick();
    expect(http.match(WARNINGS_URL)).toHaveLength(0);

    jest.advanceTimersByTime(1);
    TestBed.tick();
    const request = http.expectOne({ method: 'POST', url: WARNINGS_URL });
    expect(request.request.body).toMatchObject({
      cycleId: 4,
      kind: 'add',
      kbItemId: null,
      content: { category: '房屋稅', question: '房屋稅刷卡', alternates: [], answer: '', keywords: [], ownerUnitCode: 'HT' },
    });
    const warnings: ProposalWarning[] = [
      {
        code: 'alternate-in-use',
        ref: 'HT-0012',
        message: { 'zh-TW': '「房屋稅刷卡」已是題目 HT-0012 的問句', en: '"房屋稅刷卡" is already a wording of HT-0012' },
      },
      { code: 'past-year', ref: null, message: { 'zh-TW': '內容提到過去的年份：113年', en: 'It mentions past years: 113年' } },
    ];
    realTimers();
    request.flush(warnings);
    await settle();

    const panel = byTestId('proposal-warnings')!;
    const items = [...panel.querySelectorAll('[data-testid="proposal-warning"]')];
    expect(items.map((item) => item.getAttribute('data-code'))).toEqual(['alternate-in-use', 'past-year']);
    expect(items[0].textContent).toContain('問句已被使用');
    expect(items[0].textContent).toContain('「房屋稅刷卡」已是題目 HT-0012 的問句');
    expect(items[0].querySelector('a')!.getAttribute('href')).toBe('/kb/items/HT-0012');
    expect(panel.textContent).toContain('提醒（2）');
    // Above the button, and the button still works.
    const button = byTestId('proposal-save')!;
    expect(panel.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(host.querySelector<HTMLButtonElement>('[data-testid="proposal-save"]')!.disabled).toBe(false);

    // The same form again asks nothing; a change asks again.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    type('proposal-question', '房屋稅刷卡 ');
    jest.advanceTimersByTime(PROPOSAL_WARNINGS_DEBOUNCE_MS);
    TestBed.tick();
    expect(http.match(WARNINGS_URL)).toHaveLength(0);
    type('proposal-question', '房屋稅刷卡嗎');
    jest.advanceTimersByTime(PROPOSAL_WARNINGS_DEBOUNCE_MS);
    TestBed.tick();
    const again = http.expectOne(WARNINGS_URL);
    expect(again.request.body.content.question).toBe('房屋稅刷卡嗎');
    realTimers();
    again.flush([]);
    await settle();
    expect(byTestId('proposal-warnings')!.querySelectorAll('[data-testid="proposal-warning"]')).toHaveLength(0);
  });

  it('puts the server’s refusal next to the field it names', async () => {
    const { http, host, byTestId, type, units, save } = await render('/proposals/new?cycle=4');
    units();
    await settle();
    type('proposal-category', '房屋稅');
    type('proposal-question', '房屋稅可以用信用卡繳嗎？');
    type('proposal-answer', '可以。');
    type('proposal-reason', '民眾常問');
    await save();
    const refused = apiError(422, 'VALIDATION_FAILED', '標準問句須為 1–500 字', 'The question must be 1–500 characters', [
      { field: 'content.question', reason: 'The question must be 1–500 characters' },
    ]);
    http.expectOne({ method: 'POST', url: '/api/proposals' }).flush(refused.body, refused.options);
    await settle();
    await settle();

    const field = byTestId('proposal-question')!.closest('mat-form-field')!;
    expect(field.querySelector('mat-error')!.textContent).toContain('標準問句須為 1–500 字');
    expect(byTestId('proposal-form-error')).toBeNull();
    expect(document.activeElement).toBe(byTestId('proposal-question'));
    expect(open).not.toHaveBeenCalled();
    // Typing again clears it.
    type('proposal-question', '房屋稅可以刷卡嗎？');
    expect(field.querySelector('mat-error')).toBeNull();
    expect(host.textContent).not.toContain('標準問句須為 1–500 字');
  });

  it('shows a refusal no field can take (the list is already submitted) at the top of the form', async () => {
    const { http, byTestId, type, units, save } = await render('/proposals/new?cycle=4');
    units();
    await settle();
    type('proposal-category', '房屋稅');
    type('proposal-question', '房屋稅可以用信用卡繳嗎？');
    type('proposal-answer', '可以。');
    type('proposal-reason', '民眾常問');
    await save();
    const locked = apiError(
      409,
      'LIST_LOCKED',
      '本單位的資料檢視清單已送出或已核定，不能再加入提案',
      "The unit's list is submitted or approved",
    );
    http.expectOne({ method: 'POST', url: '/api/proposals' }).flush(locked.body, locked.options);
    await settle();
    // The state is asked again (the next test follows it); here the list is open again by then.
    http.expectOne('/api/cycles/4/list-state').flush(listState());
    await settle();
    expect(byTestId('proposal-form-error')!.textContent).toContain('本單位的資料檢視清單已送出或已核定，不能再加入提案');
    expect(open).not.toHaveBeenCalled();
  });

  it('asks again when the list closed while the proposal was typed, and carries what was typed to the cycle it goes to instead', async () => {
    const { http, harness, router, byTestId, type, value, units, save } = await render('/proposals/new?cycle=4');
    units();
    await settle();
    type('proposal-category', '房屋稅');
    type('proposal-question', '房屋稅可以用信用卡繳嗎？');
    type('proposal-answer', '可以。');
    type('proposal-reason', '民眾常問');
    await save();
    const locked = apiError(409, 'LIST_LOCKED', '本單位「115年10月」的資料檢視清單已送出', "The unit's list for 2026-10 was submitted");
    http.expectOne({ method: 'POST', url: '/api/proposals' }).flush(locked.body, locked.options);
    await settle();
    http.expectOne('/api/cycles/4/list-state').flush(
      listState({
        status: 'submitted',
        open: false,
        submittedAt: '2026-10-20T03:00:00.000Z',
        instead: { cycleId: 9, cycleLabel: '不定期調校', kind: 'irregular', dueDate: null },
      }),
    );
    await settle();
    expect(byTestId('proposal-list-closed')).not.toBeNull();
    byTestId<HTMLAnchorElement>('proposal-instead')!.click();
    await settle();
    expect(router.url).toBe('/proposals/new?cycle=9');
    http.expectOne('/api/cycles/9/list-state').flush(listState({ cycleId: 9, cycleLabel: '不定期調校' }));
    await settle();
    harness.detectChanges();
    expect(value('proposal-question')).toBe('房屋稅可以用信用卡繳嗎？');
    expect(value('proposal-reason')).toBe('民眾常問');
    await save();
    const create = http.expectOne({ method: 'POST', url: '/api/proposals' });
    expect(create.request.body).toMatchObject({ cycleId: 9, kind: 'add', content: { question: '房屋稅可以用信用卡繳嗎？' } });
    create.flush({ ...makeModifyProposal(), id: 23, cycleId: 9, kind: 'add' }, { status: 201, statusText: 'Created' });
    await settle();
  });

  it('edits a returned proposal: shows the head’s comment, keeps its content against the current item, and puts it back', async () => {
    const returned = makeModifyProposal({ status: 'returned', returnComment: '請補充信用卡手續費說明' });
    const { http, router, byTestId, type, value, units, save } = await render('/proposals/13/edit');
    http.expectOne('/api/proposals/13').flush(returned);
    units();
    await settle();
    http.expectOne('/api/kb/items/HT-0012').flush(makeKbItem());
    await settle();

    expect(byTestId('proposal-return-comment')!.textContent).toContain('請補充信用卡手續費說明');
    expect(byTestId('proposal-status')!.textContent).toContain('退回修正');
    expect(byTestId('proposal-kind')!.querySelector<HTMLInputElement>('[data-kind="modify"] input')!.disabled).toBe(true);
    // The proposal's content, not the item's.
    expect(value('proposal-answer')).toBe('可臨櫃、超商、金融機構或信用卡繳納。');
    expect(value('proposal-reason')).toBe('民眾常問信用卡繳納');
    expect(byTestId('proposal-diff')!.querySelector('tr[data-field="answer"]')).not.toBeNull();

    type('proposal-answer', '可臨櫃、超商、金融機構或信用卡繳納，信用卡免手續費。');
    await save();
    const put = http.expectOne({ method: 'PUT', url: '/api/proposals/13' });
    expect(put.request.body).toMatchObject({
      cycleId: 4,
      kind: 'modify',
      kbItemId: 'HT-0012',
      content: { answer: '可臨櫃、超商、金融機構或信用卡繳納，信用卡免手續費。', alternates: ['房屋稅怎麼繳', '房屋稅可以刷卡嗎'] },
      reason: '民眾常問信用卡繳納',
    });
    put.flush(makeModifyProposal());
    await settle();
    expect(router.url).toBe('/proposals/lists/4/HT');
  });

  it('shows a submitted proposal without a save button', async () => {
    const { http, byTestId, units } = await render('/proposals/13/edit');
    http.expectOne('/api/proposals/13').flush(makeModifyProposal({ status: 'submitted' }));
    units();
    await settle();
    http.expectOne('/api/kb/items/HT-0012').flush(makeKbItem());
    await settle();
    expect(byTestId('proposal-locked')!.textContent).toContain('此提案已送出或已核章，不能再修改。');
    expect(byTestId('proposal-save')).toBeNull();
    expect(byTestId<HTMLTextAreaElement>('proposal-answer')!.disabled).toBe(true);
  });

  it('tells a unit head that proposals are written by the contacts', async () => {
    const { byTestId, http } = await render('/proposals/new?cycle=4', { roles: [Role.UnitHead] });
    http.expectOne('/api/units').flush(UNITS);
    await settle();
    expect(byTestId('proposal-not-allowed')!.textContent).toContain('只有知識維護窗口或調校小組組長可以提案');
    expect(byTestId('proposal-form')).toBeNull();
  });

  it('asks for a cycle when the address has none', async () => {
    const { byTestId, units } = await render('/proposals/new');
    units();
    await settle();
    expect(byTestId('proposal-no-cycle')!.querySelector('a')!.getAttribute('href')).toBe('/cycles');
    expect(byTestId('proposal-form')).toBeNull();
  });

  it('blocks a 修改 that leaves the item as it is: 儲存 disabled with the reason beside it, until something changes', async () => {
    const { http, $, byTestId, type, units } = await render('/proposals/new?cycle=4&item=HT-0012');
    units();
    http.expectOne('/api/kb/items/HT-0012').flush(makeKbItem());
    await settle();
    type('proposal-reason', '補充問法');

    const saveButton = byTestId<HTMLButtonElement>('proposal-save')!;
    const blocked = byTestId('proposal-no-change')!;
    expect(saveButton.disabled).toBe(true);
    expect(blocked.textContent).toContain('尚未修改任何內容');
    expect(blocked.textContent).toContain('與題目 HT-0012 目前的版本完全相同');
    expect(saveButton.getAttribute('aria-describedby')).toBe(blocked.id);
    // Beside the button, in the same row.
    expect(blocked.parentElement).toBe(saveButton.parentElement);
    // Submitting anyway (Enter in a field) sends nothing.
    $('form')!.dispatchEvent(new Event('submit'));
    await settle();
    http.expectNone({ method: 'POST', url: '/api/proposals' });

    // The same alternates in another order, padded, and a repeated keyword: still no change.
    type('proposal-alternates', ' 房屋稅繳費方式 \n房屋稅怎麼繳\n');
    type('proposal-keywords', '繳納、房屋稅、繳納');
    type('proposal-answer', '可臨櫃、超商或金融機構繳納。  ');
    expect(byTestId<HTMLButtonElement>('proposal-save')!.disabled).toBe(true);
    expect(byTestId('proposal-no-change')).not.toBeNull();

    // One real change: the form can be saved again.
    type('proposal-alternates', '房屋稅繳費方式\n房屋稅怎麼繳\n房屋稅可以刷卡嗎');
    expect(byTestId('proposal-no-change')).toBeNull();
    expect(byTestId<HTMLButtonElement>('proposal-save')!.disabled).toBe(false);
    expect(byTestId<HTMLButtonElement>('proposal-save')!.hasAttribute('aria-describedby')).toBe(false);

    TestBed.inject(I18nService).setLang('en');
    type('proposal-alternates', '房屋稅怎麼繳\n房屋稅繳費方式');
    expect(byTestId('proposal-no-change')!.textContent).toContain('identical to the current version of HT-0012');
  });

  it('says the list is closed before the work starts, with the date, and offers the 不定期調校 cycle instead of the form', async () => {
    const closed = listState({
      status: 'submitted',
      open: false,
      submittedAt: '2026-10-20T03:00:00.000Z',
      instead: { cycleId: 9, cycleLabel: '不定期調校', kind: 'irregular', dueDate: null },
    });
    const { http, harness, router, byTestId } = await render('/proposals/new?cycle=4&source=cluster:77&item=HT-0012', { list: closed });
    // What the form would have started from may load; nothing of it is shown.
    for (const request of http.match('/api/units')) request.flush([]);
    for (const request of http.match('/api/queue/cluster/77')) request.flush(makeQueueDetail());
    for (const request of http.match('/api/kb/items/HT-0012')) request.flush(makeKbItem());
    await settle();

    const alert = byTestId('proposal-list-closed')!;
    expect(alert.getAttribute('data-status')).toBe('submitted');
    expect(byTestId('proposal-list-closed-text')!.textContent).toContain('本單位「115年10月」的資料檢視清單已於 115/10/20 送出');
    expect(alert.textContent).toContain('請單位主管先退回清單');
    expect(byTestId('proposal-form')).toBeNull();
    expect(byTestId('proposal-save')).toBeNull();
    const instead = byTestId<HTMLAnchorElement>('proposal-instead')!;
    expect(instead.textContent).toContain('改在「不定期調校」提案');
    expect(instead.getAttribute('href')).toBe('/proposals/new?cycle=9&source=cluster:77&item=HT-0012');

    // Going there: the same proposal, on the open list.
    instead.click();
    await settle();
    expect(router.url).toBe('/proposals/new?cycle=9&source=cluster:77&item=HT-0012');
    http.expectOne('/api/cycles/9/list-state').flush(listState({ cycleId: 9, cycleLabel: '不定期調校' }));
    await settle();
    harness.detectChanges();
    expect(byTestId('proposal-list-closed')).toBeNull();
    expect(byTestId('proposal-form')).not.toBeNull();
    expect(byTestId<HTMLInputElement>('proposal-item-id')!.value).toBe('HT-0012');
  });

  it('says an approved list has nowhere to go when no cycle is open', async () => {
    const closed = listState({
      status: 'approved',
      open: false,
      submittedAt: '2026-10-20T03:00:00.000Z',
      approvedAt: '2026-10-22T03:00:00.000Z',
    });
    const { http, byTestId } = await render('/proposals/new?cycle=4', { list: closed });
    for (const request of http.match('/api/units')) request.flush([]);
    await settle();
    expect(byTestId('proposal-list-closed-text')!.textContent).toContain('已於 115/10/22 核定');
    expect(byTestId('proposal-list-closed-nowhere')).not.toBeNull();
    expect(byTestId('proposal-instead')).toBeNull();
    expect(byTestId('proposal-form')).toBeNull();
  });

  it('trims the address’s reason and cuts it without splitting a character', () => {
    expect(reasonFromAddress('  無人使用 \n')).toBe('無人使用');
    expect(reasonFromAddress(undefined)).toBe('');
    // 𠀀 is two UTF-16 units: cut at 2000 it would leave half of one.
    const text = `${'a'.repeat(1999)}𠀀b`;
    expect(reasonFromAddress(text)).toBe('a'.repeat(1999));
    expect(reasonFromAddress('b'.repeat(2001))).toHaveLength(2000);
  });

  it('words the reason of a review item by why it was queued', () => {
    const i18n = TestBed.inject(I18nService);
    const detail = makeQueueDetail({ kind: 'review', wordings: [], reviewReasons: ['no-hits', 'past-year'] });
    expect(reasonFromSource(detail, i18n)).toBe('原有題庫檢視：無命中、提及過去年度');
  });
});
