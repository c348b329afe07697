import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, type TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type QueueItemDetailDto, type QueueItemDto, Role, type UnitDto, UnitKind } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { apiError } from '../reports/reports-testing';
import { signIn } from '../testing/auth-testing';
import { QueueItemPageComponent } from './queue-item-page.component';
import { QUEUE_ORDER_STORAGE_KEY } from './queue-order.service';
import { makeAnsweredBefore, makeQueueDetail, makeReviewQueueItem } from './queue-testing';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

const UNITS: UnitDto[] = [
  { code: 'LV', name: '牌照稅科', kind: UnitKind.Section, parentCode: null, categories: ['使用牌照稅'], active: true },
  { code: 'HT', name: '房屋稅科', kind: UnitKind.Section, parentCode: null, categories: ['房屋稅'], active: true },
  { code: 'OLD', name: '已裁撤科', kind: UnitKind.Section, parentCode: null, categories: [], active: false },
];

/** The item as the claim, release, close or reassign answers it: without its details. */
function summaryOf(detail: QueueItemDetailDto, overrides: Partial<QueueItemDto> = {}): QueueItemDto {
  const { wordings: _w, examples: _e, items: _i, confidence: _c, basis: _b, ...item } = detail;
  return { ...item, ...overrides };
}

const ME = { account: 'chen.mh', name: '陳美華' };

/** Lets resources take their answers and renders. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

function text(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.textContent!.replace(/\s+/g, ' ').trim());
  return pieces.filter(Boolean).join(' ');
}

const rowsOf = (table: Element) => [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => text(cell)));

function press(key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  document.body.dispatchEvent(event);
  return event;
}

/** Answers the request with an ApiErrorBody. */
function fail(request: TestRequest, error: ReturnType<typeof apiError>): void {
  request.flush(error.body, error.options);
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

describe('QueueItemPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [
            { path: 'queue', component: BlankComponent },
            { path: 'queue/:kind/:id', component: QueueItemPageComponent },
            { path: 'proposals/new', component: BlankComponent },
          ],
          withComponentInputBinding(),
        ),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
        // The confirmation reports its answer once closed; without animations that is at once.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(options: { roles?: Role[]; detail?: QueueItemDetailDto; url?: string; order?: string[] } = {}) {
    if (options.order) {
      sessionStorage.setItem(QUEUE_ORDER_STORAGE_KEY, JSON.stringify({ keys: options.order, listUrl: '/queue?status=open', last: null }));
    }
    signIn({ roles: options.roles ?? [Role.KnowledgeContact] });
    const detail = options.detail ?? makeQueueDetail();
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    await harness.navigateByUrl(options.url ?? `/queue/${detail.kind}/${detail.id}`);
    await settle();
    http.expectOne({ method: 'GET', url: `/api/queue/${detail.kind}/${detail.id}` }).flush(detail);
    await settle();
    const host = harness.routeNativeElement!;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    return { harness, http, router, host, byTestId, detail };
  }

  it('shows the header, the wordings with counts, the example conversations and the suggested items side by side', async () => {
    const { byTestId, host } = await render({
      detail: makeQueueDetail({
        claimedBy: { account: 'wang.xm', name: '王小明' },
        claimedAt: '2026-11-04T02:00:00.000Z',
        status: 'claimed',
      }),
    });
    expect(byTestId('queue-item-title')!.textContent).toContain('房屋稅可以用信用卡繳嗎');
    expect(text(byTestId('queue-item-eyebrow')!)).toBe('群組 115年10月定期調校 · 房屋稅');
    expect(text(byTestId('queue-item-status')!)).toBe('已認領');
    expect(text(byTestId('queue-item-recurring')!)).toBe('連續 3 個月');
    expect(text(byTestId('queue-item-unit')!)).toBe('房屋稅科');
    expect(text(byTestId('queue-item-holder')!)).toBe('王小明 （wang.xm） 認領於 115/11/04 10:00');
    expect(text(byTestId('queue-item-size')!)).toBe('36');
    expect(text(byTestId('queue-item-impact')!)).toBe('108');

    expect(rowsOf(byTestId('queue-item-wordings')!)).toEqual([
      ['房屋稅可以用信用卡繳嗎', '20'],
      ['房屋稅刷卡', '9'],
      ['信用卡繳房屋稅', '7'],
    ]);
    expect(rowsOf(byTestId('queue-item-examples')!)).toEqual([
      ['115/10/01 08:15', 'LINE', '房屋稅可以用信用卡繳嗎', '未能回答', 'S-20261001-0042'],
      ['115/10/30 17:40', '—', '房屋稅刷卡', '推薦回答', '—'],
    ]);

    const cards = [...host.querySelectorAll('[data-testid="queue-kb-item"]')];
    expect(cards.map((card) => card.getAttribute('data-id'))).toEqual(['HT-0012', 'HT-0040']);
    expect(cards[0].querySelector('a')!.getAttribute('href')).toBe('/kb/items/HT-0012');
    expect(text(cards[0].querySelector('[data-testid="queue-kb-score"]')!)).toBe('相似度 91%');
    expect(cards[0].querySelector('[data-testid="queue-kb-question"]')!.textContent).toBe('房屋稅繳納方式有哪些？');
    expect(cards[0].querySelector('[data-testid="queue-kb-answer"]')!.textContent).toBe(
      '可臨櫃、超商、ATM 轉帳或網路繳納。\n詳見本局網站。',
    );
    expect([...cards[0].querySelectorAll('[data-testid="queue-kb-alternates"] li')].map((li) => li.textContent)).toEqual([
      '房屋稅怎麼繳',
      '房屋稅繳費方式',
    ]);
    expect(text(cards[1])).toContain('停用');
    expect(text(cards[1].querySelector('[data-testid="queue-kb-alternates"]')!)).toBe('—');

    // Someone else has it: no claim, but the contact may still not close or propose over their head.
    expect(byTestId('queue-claim')).toBeNull();
    expect(byTestId('queue-close')).toBeNull();
    expect(byTestId('queue-propose')).toBeNull();
    expect(text(byTestId('queue-item-held')!)).toBe('王小明已認領此項目；如需接手，請洽認領人或組長釋出。');
    expect(text(byTestId('queue-item-keyboard-hint')!)).toBe('鍵盤快速鍵： n ／ p 下一項／上一項 d 處理完，前往下一項');
  });

  it('shows a review item’s reasons and the item as it is now', async () => {
    const review = makeReviewQueueItem();
    const { byTestId, host } = await render({
      detail: {
        ...review,
        confidence: null,
        basis: null,
        wordings: [],
        examples: [],
        items: [
          {
            id: 'HT-0031',
            question: '房屋稅的課稅期間為何？',
            answer: '113年起…',
            alternates: ['課稅期間'],
            ownerUnitCode: 'HT',
            status: 'published',
          },
        ],
      },
    });
    expect(text(byTestId('queue-item-eyebrow')!)).toContain('原有題目檢視');
    expect([...host.querySelectorAll('[data-testid="queue-item-reason"]')].map((badge) => text(badge))).toEqual(['無命中', '提及過去年度']);
    expect(host.textContent).toContain('題目的現行內容');
    expect([...host.querySelectorAll('[data-testid="queue-kb-item"]')].map((card) => card.getAttribute('data-id'))).toEqual(['HT-0031']);
    expect(byTestId('queue-item-wordings')).toBeNull();
    expect(byTestId('queue-item-size')).toBeNull();
    expect(byTestId('queue-propose')!.getAttribute('href')).toBe('/proposals/new?cycle=4&source=review:501&item=HT-0031');
  });

  it('claims the item and shows the user as the holder; releases it again', async () => {
    const { byTestId, http, detail } = await render();
    expect(text(byTestId('queue-item-holder')!)).toBe('尚未認領');
    expect(byTestId('queue-item-held')).toBeNull();
    expect(text(byTestId('queue-item-keyboard-hint')!)).toBe('鍵盤快速鍵： n ／ p 下一項／上一項 c 認領 e 提出提案 d 處理完，前往下一項');
    byTestId<HTMLButtonElement>('queue-claim')!.click();
    await settle();
    const claim = http.expectOne({ method: 'POST', url: '/api/queue/cluster/77/claim' });
    expect(claim.request.body).toEqual({});
    claim.flush(summaryOf(detail, { status: 'claimed', claimedBy: ME, claimedAt: '2026-11-05T01:00:00.000Z' }));
    await settle();

    expect(text(byTestId('queue-item-status')!)).toBe('已認領');
    expect(text(byTestId('queue-item-holder')!)).toContain('陳美華 （chen.mh） 您');
    expect(open).toHaveBeenCalledWith('已認領「房屋稅可以用信用卡繳嗎」', '關閉', { duration: 4000 });
    expect(byTestId('queue-claim')).toBeNull();
    // The details stay.
    expect(rowsOf(byTestId('queue-item-wordings')!)).toHaveLength(3);

    byTestId<HTMLButtonElement>('queue-release')!.click();
    await settle();
    http.expectOne({ method: 'POST', url: '/api/queue/cluster/77/release' }).flush(summaryOf(detail));
    await settle();
    expect(text(byTestId('queue-item-status')!)).toBe('待處理');
    expect(byTestId('queue-claim')).not.toBeNull();
  });

  it('calls an open item answered by an earlier month 先前已答覆, not 待處理, as the queue list does', async () => {
    const { byTestId } = await render({ detail: makeQueueDetail({ status: 'open', answeredBefore: makeAnsweredBefore() }) });
    expect(text(byTestId('queue-item-status')!)).toBe('先前已答覆');
    expect(byTestId('queue-item-status')!.dataset['answered']).toBe('true');
  });

  it('says who has the item when someone else claimed it first (409), and shows them as the holder', async () => {
    const { byTestId, http, detail } = await render();
    byTestId<HTMLButtonElement>('queue-claim')!.click();
    await settle();
    fail(
      http.expectOne({ method: 'POST', url: '/api/queue/cluster/77/claim' }),
      apiError(409, 'QUEUE_ITEM_CLAIMED', '王小明（wang.xm）已認領此項目'),
    );
    await settle();
    expect(byTestId('queue-action-error')!.textContent).toContain('王小明（wang.xm）已認領此項目');
    // No snackbar: the page says it.
    expect(open).not.toHaveBeenCalled();

    // The item is read again, with its holder.
    http
      .expectOne({ method: 'GET', url: '/api/queue/cluster/77' })
      .flush({ ...detail, status: 'claimed', claimedBy: { account: 'wang.xm', name: '王小明' }, claimedAt: '2026-11-05T01:00:00.000Z' });
    await settle();
    expect(text(byTestId('queue-item-holder')!)).toContain('王小明 （wang.xm）');
    expect(byTestId('queue-claim')).toBeNull();
  });

  it('closes with 其他 only with a note, sends reason and note, and shows the outcome', async () => {
    const { byTestId, http, detail } = await render();
    byTestId<HTMLButtonElement>('queue-close')!.click();
    await settle();
    expect(byTestId('close-form')!.querySelector('h2')!.textContent).toContain('結案（不異動題庫）');
    choose(byTestId<HTMLSelectElement>('close-reason')!, 'other');
    await settle();
    expect(byTestId('close-form')!.textContent).toContain('原因為「其他」時請說明');
    byTestId<HTMLButtonElement>('close-submit')!.click();
    await settle();
    http.expectNone('/api/queue/cluster/77/close');
    expect(byTestId('close-note-error')).not.toBeNull();

    type(byTestId<HTMLTextAreaElement>('close-note')!, '與 HT-0012 重複');
    byTestId<HTMLButtonElement>('close-submit')!.click();
    await settle();
    const close = http.expectOne({ method: 'POST', url: '/api/queue/cluster/77/close' });
    expect(close.request.body).toEqual({ reason: 'other', note: '與 HT-0012 重複' });
    close.flush(summaryOf(detail, { status: 'closed', closeReason: 'other', closeNote: '與 HT-0012 重複', claimedBy: ME }));
    await settle();

    expect(byTestId('close-form')).toBeNull();
    expect(text(byTestId('queue-item-status')!)).toBe('已結案');
    expect(text(byTestId('queue-item-close-reason')!)).toBe('其他 ：與 HT-0012 重複');
    expect(byTestId('queue-close')).toBeNull();
    expect(byTestId('queue-propose')).toBeNull();
    expect(open).toHaveBeenCalledWith('已結案「房屋稅可以用信用卡繳嗎」', '關閉', { duration: 4000 });
  });

  it('puts the server’s field problem under the note (422)', async () => {
    const { byTestId, http } = await render();
    byTestId<HTMLButtonElement>('queue-close')!.click();
    await settle();
    choose(byTestId<HTMLSelectElement>('close-reason')!, 'already-answered');
    byTestId<HTMLButtonElement>('close-submit')!.click();
    await settle();
    const close = http.expectOne('/api/queue/cluster/77/close');
    expect(close.request.body).toEqual({ reason: 'already-answered', note: null });
    fail(close, apiError(422, 'VALIDATION_FAILED', '原因為「其他」時請說明', [{ field: 'note', reason: 'required for other' }]));
    await settle();
    expect(byTestId('close-error')!.textContent).toContain('原因為「其他」時請說明');
    expect(byTestId('close-note-error')).not.toBeNull();
    expect(open).not.toHaveBeenCalled();
  });

  it('reassigns to another active unit with a reason', async () => {
    const { byTestId, http, detail } = await render();
    byTestId<HTMLButtonElement>('queue-reassign')!.click();
    await settle();
    http.expectOne('/api/units').flush(UNITS);
    await settle();
    const unit = byTestId<HTMLSelectElement>('reassign-unit')!;
    // Not the unit it is in, nor one no longer in use.
    expect([...unit.options].map((option) => option.value)).toEqual(['', 'LV']);
    choose(unit, 'LV');
    type(byTestId<HTMLTextAreaElement>('reassign-reason')!, ' 屬牌照稅業務 ');
    byTestId<HTMLButtonElement>('reassign-submit')!.click();
    await settle();
    const reassign = http.expectOne({ method: 'POST', url: '/api/queue/cluster/77/reassign' });
    expect(reassign.request.body).toEqual({ unitCode: 'LV', reason: '屬牌照稅業務' });
    reassign.flush(summaryOf(detail, { unitCode: 'LV', unitName: '牌照稅科', reassignedFrom: 'HT', reassignReason: '屬牌照稅業務' }));
    await settle();
    // The unit it came from is named: the names are asked for once.
    http.expectOne('/api/units').flush(UNITS);
    await settle();
    expect(open).toHaveBeenCalledWith('已將「房屋稅可以用信用卡繳嗎」改派至牌照稅科', '關閉', { duration: 4000 });
    expect(text(byTestId('queue-item-unit')!)).toBe('牌照稅科');
    expect(text(byTestId('queue-item-reassigned')!)).toBe('由房屋稅科改派：屬牌照稅業務');
    // Another unit’s item now: the contact only reads it.
    expect(byTestId('queue-actions')).toBeNull();
    expect(byTestId('queue-item-read-only')).not.toBeNull();
  });

  it('merges the cluster into another of the same queue and goes to it', async () => {
    const { byTestId, http, router, detail } = await render();
    byTestId<HTMLButtonElement>('queue-merge')!.click();
    await settle();
    const list = http.expectOne((req) => req.url === '/api/queue' && req.params.get('kind') === 'cluster');
    expect(list.request.params.get('cycle')).toBe(String(detail.cycleId));
    list.flush([
      summaryOf(detail),
      summaryOf(detail, { id: 78, title: '信用卡繳房屋稅', size: 4 }),
      summaryOf(detail, { id: 79, title: '已結案的', status: 'closed' }),
    ]);
    await settle();
    const into = byTestId<HTMLSelectElement>('queue-merge-into')!;
    expect([...into.options].map((o) => o.value)).toEqual(['', '78']);
    choose(into, '78');
    await settle();
    byTestId<HTMLButtonElement>('queue-merge-submit')!.click();
    await settle();
    const merge = http.expectOne({ method: 'POST', url: '/api/queue/cluster/77/merge' });
    expect(merge.request.body).toEqual({ intoId: 78 });
    merge.flush(summaryOf(detail, { id: 78, title: '信用卡繳房屋稅', size: 7 }));
    await settle();
    expect(router.url).toBe('/queue/cluster/78');
    http.match(() => true).forEach((r) => r.flush(summaryOf(detail, { id: 78 })));
  });

  it('shows what the cluster rests on and how sure it is next to its title, and a wording’s own suggestions beside it', async () => {
    const { byTestId, host } = await render({
      detail: makeQueueDetail({
        wordings: [
          { text: '房屋稅可以用信用卡繳嗎', count: 20 },
          { text: '牌照稅刷卡', count: 9, suggested: ['LV-0002', 'LV-0007'] },
        ],
      }),
    });
    expect(text(byTestId('queue-item-basis')!)).toBe('對應既有題目 · 信心 87%');
    const suggested = host.querySelectorAll('[data-testid="queue-wording-suggested"]');
    expect([...suggested].map((s) => text(s))).toEqual(['此問句建議：LV-0002、LV-0007']);
    expect(rowsOf(byTestId('queue-item-wordings')!)[1]).toEqual(['牌照稅刷卡 此問句建議：LV-0002、LV-0007', '9']);
  });

  it('calls a topic cluster a new topic with its similarity, and says nothing when the basis is not known', async () => {
    const topic = await render({ detail: makeQueueDetail({ basis: 'topic', confidence: 0.623 }) });
    expect(text(topic.byTestId('queue-item-basis')!)).toBe('新主題 · 相似度 62%');
  });

  it('shows no basis for a cluster built before it was kept', async () => {
    const { byTestId } = await render({ detail: makeQueueDetail({ basis: null, confidence: null }) });
    expect(byTestId('queue-item-basis')).toBeNull();
  });

  it('splits the ticked wordings into a new cluster after asking, and goes to it', async () => {
    const { byTestId, host, http, router, detail } = await render();
    byTestId<HTMLButtonElement>('queue-split')!.click();
    await settle();
    expect(byTestId('queue-split')!.getAttribute('aria-expanded')).toBe('true');
    const boxes = [...host.querySelectorAll<HTMLInputElement>('[data-testid="queue-split-option"]')];
    // Each checkbox has its own label, so it can be reached and named from the keyboard.
    expect(boxes.map((b) => text(host.querySelector(`label[for="${b.id}"]`)!))).toEqual([
      '房屋稅可以用信用卡繳嗎（20 則）',
      '房屋稅刷卡（9 則）',
      '信用卡繳房屋稅（7 則）',
    ]);
    const submit = byTestId<HTMLButtonElement>('queue-split-submit')!;
    expect(submit.disabled).toBe(true);
    for (const box of boxes) box.click();
    await settle();
    expect(submit.disabled).toBe(true);
    expect(text(byTestId('queue-split-chosen')!)).toBe('本群組至少要留下一個問法。');
    boxes[0].click();
    await settle();
    expect(text(byTestId('queue-split-chosen')!)).toBe('已勾選 2 個問法，共 16 則');
    expect(submit.disabled).toBe(false);

    // 取消 in the confirmation sends nothing.
    submit.click();
    await settle();
    expect(document.querySelector('mat-dialog-container')!.textContent).toContain(
      '將 2 個問法（共 16 則）移到新群組，本群組留下 1 個問法。確定要拆分嗎？',
    );
    [...document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')].find((b) => b.textContent!.includes('取消'))!.click();
    await settle();
    http.expectNone({ method: 'POST', url: '/api/queue/cluster/77/split' });

    submit.click();
    await settle();
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    await settle();
    const split = http.expectOne({ method: 'POST', url: '/api/queue/cluster/77/split' });
    expect(split.request.body).toEqual({ wordings: ['房屋稅刷卡', '信用卡繳房屋稅'] });
    split.flush(summaryOf(detail, { id: 90, title: '房屋稅刷卡', size: 16, status: 'open', claimedBy: null }));
    await settle();
    expect(open).toHaveBeenCalledWith('已拆分成新群組「房屋稅刷卡」', '關閉', { duration: 4000 });
    expect(router.url).toBe('/queue/cluster/90');
    http.match(() => true).forEach((r) => r.flush(makeQueueDetail({ id: 90 })));
  });

  it('shows why a split was refused in the form', async () => {
    const { byTestId, host, http } = await render();
    byTestId<HTMLButtonElement>('queue-split')!.click();
    await settle();
    host.querySelectorAll<HTMLInputElement>('[data-testid="queue-split-option"]')[2].click();
    await settle();
    byTestId<HTMLButtonElement>('queue-split-submit')!.click();
    await settle();
    document.querySelector<HTMLButtonElement>('[data-testid="confirm-ok"]')!.click();
    await settle();
    fail(
      http.expectOne({ method: 'POST', url: '/api/queue/cluster/77/split' }),
      apiError(409, 'QUEUE_ITEM_CLOSED', '群組 #77 已提案或已結案，不能拆分'),
    );
    await settle();
    expect(byTestId('queue-split-form')).not.toBeNull();
    expect(host.querySelector('td-form-error')!.textContent).toContain('群組 #77 已提案或已結案，不能拆分');
  });

  it('offers no split for a cluster of one wording', async () => {
    const { byTestId } = await render({ detail: makeQueueDetail({ wordings: [{ text: '房屋稅可以用信用卡繳嗎', count: 36 }] }) });
    expect(byTestId('queue-merge')).not.toBeNull();
    expect(byTestId('queue-split')).toBeNull();
  });

  it('links the proposal form with the cycle, the source and the item; e opens it', async () => {
    const { byTestId, router } = await render();
    expect(byTestId('queue-propose')!.getAttribute('href')).toBe('/proposals/new?cycle=4&source=cluster:77&item=HT-0012');
    expect(press('e').defaultPrevented).toBe(true);
    await settle();
    expect(router.url).toBe('/proposals/new?cycle=4&source=cluster:77&item=HT-0012');
  });

  it('leaves the item out of the proposal link when the cluster has none', async () => {
    const { byTestId } = await render({ detail: makeQueueDetail({ id: 78, kbItemId: null, suggestions: [], items: [] }) });
    expect(byTestId('queue-propose')!.getAttribute('href')).toBe('/proposals/new?cycle=4&source=cluster:78');
    expect(byTestId('queue-item-items')!.textContent).toContain('沒有相近的題目');
  });

  it('says the list is closed (已核定, with the date) instead of offering 提案, and offers the next month; e goes there', async () => {
    const detail = makeQueueDetail({
      listState: {
        cycleId: 4,
        cycleLabel: '115年10月',
        unitCode: 'HT',
        unitName: '房屋稅科',
        status: 'approved',
        open: false,
        submittedAt: '2026-10-20T03:00:00.000Z',
        approvedAt: '2026-10-22T03:00:00.000Z',
        instead: { cycleId: 5, cycleLabel: '115年11月', kind: 'regular', dueDate: '2026-12-21' },
      },
    });
    const { byTestId, router } = await render({ detail });
    expect(byTestId('queue-propose')).toBeNull();
    const closed = byTestId('queue-list-closed')!;
    expect(closed.getAttribute('data-status')).toBe('approved');
    expect(byTestId('queue-list-closed-text')!.textContent).toContain(
      '本單位「115年10月」的資料檢視清單已於 115/10/22 核定，不能再加入提案',
    );
    const instead = byTestId<HTMLAnchorElement>('queue-propose-instead')!;
    expect(instead.textContent).toContain('改在「115年11月」提案');
    expect(instead.getAttribute('href')).toBe('/proposals/new?cycle=5&source=cluster:77&item=HT-0012');
    expect(byTestId('queue-list-closed-list')!.getAttribute('href')).toBe('/proposals/lists/4/HT');
    // The other actions stay: a closed list does not stop closing or reassigning the item.
    expect(byTestId('queue-close')).not.toBeNull();

    TestBed.inject(I18nService).setLang('en');
    TestBed.tick();
    expect(byTestId('queue-list-closed-text')!.textContent).toContain(
      "Your unit's list for Regular tuning, Oct 2026 was approved on 2026-10-22",
    );
    expect(byTestId('queue-propose-instead')!.textContent).toContain('Propose in Regular tuning, Nov 2026 instead');

    expect(press('e').defaultPrevented).toBe(true);
    await settle();
    expect(router.url).toBe('/proposals/new?cycle=5&source=cluster:77&item=HT-0012');
  });

  it('says a submitted list has nowhere to go when no cycle is open, and offers no proposal at all', async () => {
    const detail = makeQueueDetail({
      listState: {
        cycleId: 4,
        cycleLabel: '115年10月',
        unitCode: 'HT',
        unitName: '房屋稅科',
        status: 'submitted',
        open: false,
        submittedAt: '2026-10-20T03:00:00.000Z',
        approvedAt: null,
        instead: null,
      },
    });
    const { byTestId, router } = await render({ detail });
    expect(byTestId('queue-list-closed-text')!.textContent).toContain('已於 115/10/20 送出');
    expect(byTestId('queue-list-closed-nowhere')).not.toBeNull();
    expect(byTestId('queue-propose')).toBeNull();
    expect(byTestId('queue-propose-instead')).toBeNull();
    expect(press('e').defaultPrevented).toBe(true);
    await settle();
    expect(router.url).toBe('/queue/cluster/77');
  });

  it('offers 提案 as before while the list is open', async () => {
    const detail = makeQueueDetail({
      listState: {
        cycleId: 4,
        cycleLabel: '115年10月',
        unitCode: 'HT',
        unitName: '房屋稅科',
        status: 'in-progress',
        open: true,
        submittedAt: null,
        approvedAt: null,
        instead: null,
      },
    });
    const { byTestId } = await render({ detail });
    expect(byTestId('queue-list-closed')).toBeNull();
    expect(byTestId('queue-propose')).not.toBeNull();
  });

  it('walks the last list with n / p, claims with c, and goes on with d only once the item is taken care of', async () => {
    const { byTestId, http, router, detail } = await render({ order: ['cluster:76', 'cluster:77', 'review:501'] });
    expect(byTestId('queue-position')!.textContent).toContain('第 2／3 項');
    expect(byTestId('queue-back')!.getAttribute('href')).toBe('/queue?status=open');

    press('d');
    await settle();
    expect(byTestId('queue-notice')!.textContent).toContain('請先認領、提出提案或結案，再前往下一項。');
    expect(router.url).toBe('/queue/cluster/77');

    expect(press('c').defaultPrevented).toBe(true);
    await settle();
    http
      .expectOne({ method: 'POST', url: '/api/queue/cluster/77/claim' })
      .flush(summaryOf(detail, { status: 'claimed', claimedBy: ME, claimedAt: '2026-11-05T01:00:00.000Z' }));
    await settle();

    press('d');
    await settle();
    expect(router.url).toBe('/queue/review/501');
    const review = makeReviewQueueItem();
    http.expectOne('/api/queue/review/501').flush({ ...review, wordings: [], examples: [], items: [] });
    await settle();
    expect(byTestId('queue-item-title')!.textContent).toContain('房屋稅的課稅期間為何？');
    expect(byTestId('queue-position')!.textContent).toContain('第 3／3 項');
    expect(byTestId('queue-notice')).toBeNull();
    expect(byTestId<HTMLButtonElement>('queue-next')!.disabled).toBe(true);

    press('n');
    await settle();
    expect(byTestId('queue-notice')!.textContent).toContain('這是清單中的最後一項。');

    press('p');
    await settle();
    expect(router.url).toBe('/queue/cluster/77');
    http.expectOne('/api/queue/cluster/77').flush(detail);
    await settle();

    byTestId<HTMLButtonElement>('queue-prev')!.click();
    await settle();
    expect(router.url).toBe('/queue/cluster/76');
    http
      .expectOne('/api/queue/cluster/76')
      .flush(makeQueueDetail({ id: 76, title: '房屋稅單遺失', status: 'closed', closeReason: 'chit-chat' }));
    await settle();
    // Closed: d goes on.
    press('d');
    await settle();
    expect(router.url).toBe('/queue/cluster/77');
    http.expectOne('/api/queue/cluster/77').flush(detail);
    await settle();

    // The list puts its cursor back on the item seen last.
    expect(JSON.parse(sessionStorage.getItem(QUEUE_ORDER_STORAGE_KEY)!).last).toBe('cluster:77');
  });

  it('goes back to the list with d after the last item', async () => {
    const detail = makeQueueDetail({ status: 'proposed', claimedBy: ME });
    const { router } = await render({ detail, order: ['cluster:76', 'cluster:77'] });
    press('d');
    await settle();
    expect(router.url).toBe('/queue?status=open');
  });

  it('offers a reader no actions', async () => {
    const { byTestId } = await render({ roles: [Role.UnitHead] });
    expect(byTestId('queue-actions')).toBeNull();
    expect(byTestId('queue-item-read-only')!.textContent).toContain('處理限本單位知識維護窗口與組長');
    expect(press('c').defaultPrevented).toBe(false);
    expect(press('e').defaultPrevented).toBe(false);
    expect(byTestId('queue-position')).toBeNull();
    expect(byTestId('queue-back')!.getAttribute('href')).toBe('/queue');
  });

  it('lets the group leader work a triage item', async () => {
    const { byTestId } = await render({ roles: [Role.GroupLeader], detail: makeQueueDetail({ unitCode: null, unitName: null }) });
    expect(text(byTestId('queue-item-unit')!)).toBe('待分派');
    expect(byTestId('queue-claim')).not.toBeNull();
    expect(byTestId('queue-reassign')).not.toBeNull();
  });

  it('says so when the item is not there', async () => {
    signIn();
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    await harness.navigateByUrl('/queue/cluster/999');
    await settle();
    fail(http.expectOne('/api/queue/cluster/999'), apiError(404, 'QUEUE_ITEM_NOT_FOUND', '找不到待辦項目 群組 #999'));
    await settle();
    const host = harness.routeNativeElement!;
    expect(host.querySelector('[data-testid="queue-item-not-found"]')!.textContent).toContain('找不到待辦項目 群組 #999');
    expect(open).not.toHaveBeenCalled();

    await harness.navigateByUrl('/queue/proposal/1');
    await settle();
    expect(host.querySelector('[data-testid="queue-item-not-found"]')!.textContent).toContain('找不到這個待辦項目');
  });
});
