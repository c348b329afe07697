import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { type KbDiffDto, type KbItemDto, KbItemStatus, type KbVersionDto, Role } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { signIn } from '../testing/auth-testing';
import { KbItemPageComponent } from './kb-item-page.component';
import { makeDiff, makeItem, makeVersion } from './kb-testing';

const VERSIONS: KbVersionDto[] = [
  makeVersion(4, { source: 'correction', reason: '更正開徵月份', changedBy: 'admin', changedAt: '2026-11-28T16:30:00.000Z' }),
  makeVersion(3, { source: 'proposal', reason: '房屋稅科提案', changedBy: 'chen.mh' }),
  makeVersion(2),
];

/** Lets resources take their values (they arrive a macrotask later) and renders; a pending request would keep whenStable waiting. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

describe('KbItemPageComponent', () => {
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

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(item: KbItemDto = makeItem(), options: { roles?: Role[]; versions?: KbVersionDto[]; diff?: KbDiffDto } = {}) {
    signIn({ roles: options.roles ?? [Role.KnowledgeContact] });
    const versions = options.versions ?? VERSIONS;
    const fixture = TestBed.createComponent(KbItemPageComponent);
    fixture.componentRef.setInput('id', item.id);
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(`/api/kb/items/${item.id}`).flush(item);
    http.expectOne(`/api/kb/items/${item.id}/versions`).flush(versions);
    await settle();
    if (versions.length > 1) {
      http
        .expectOne(`/api/kb/items/${item.id}/diff?from=${versions[1].version}&to=${versions[0].version}`)
        .flush(options.diff ?? makeDiff());
      await fixture.whenStable();
    }
    const host = fixture.nativeElement as HTMLElement;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`);
    return { fixture, host, http, byTestId };
  }

  it('shows the id, status, version, question, alternates in order, keywords, owner and ROC dates', async () => {
    const { byTestId } = await render(makeItem({ expiryDate: '2027-12-31' }));
    const item = byTestId('kb-item')!;
    expect(item.querySelector('h1')!.textContent!.replace(/\s+/g, '')).toBe('HT-0001已發布第4版');
    expect(byTestId('kb-item-status')!.classList).toContain('td-badge--ok');
    expect(byTestId('kb-item-question')!.textContent!.trim()).toBe('房屋稅什麼時候開徵？');
    const alternates = byTestId('kb-alternates')!;
    expect(alternates.tagName).toBe('OL');
    expect([...alternates.querySelectorAll('li')].map((li) => li.textContent!.trim())).toEqual([
      '房屋稅何時繳',
      '房屋稅繳納期間',
      '房屋稅幾月要繳',
    ]);
    expect([...byTestId('kb-keywords')!.querySelectorAll('mat-chip')].map((chip) => chip.textContent!.trim())).toEqual(['房屋稅', '開徵']);
    const facts = Object.fromEntries(
      [...byTestId('kb-item-facts')!.querySelectorAll('dt')].map((dt) => [
        dt.textContent!.trim(),
        dt.nextElementSibling!.textContent!.replace(/\s+/g, ' ').trim(),
      ]),
    );
    expect(facts).toEqual({
      稅目分類: '房屋稅',
      權責單位: '房屋稅科 (HT)',
      生效日期: '115/01/01',
      失效日期: '116/12/31',
      建立: 'admin · 115/01/05 09:00',
      最後修改: 'chen.mh · 115/11/29 00:30',
    });
  });

  it('shows the answer as text: markup stays literal, line breaks are kept, http(s) URLs become safe links', async () => {
    const answer =
      '請注意 <b>x</b> 與 <img src=x onerror=alert(1)>\r\n詳見 https://www.tax.tycg.gov.tw/news?id=1&a=2。\n也可看 http://example.tw/a.\njavascript:alert(1) 不是連結';
    const { byTestId } = await render(makeItem({ answer }));
    const box = byTestId('kb-item-answer')!;
    expect(box.querySelector('b')).toBeNull();
    expect(box.querySelector('img')).toBeNull();
    expect(box.textContent).toContain('請注意 <b>x</b> 與 <img src=x onerror=alert(1)>');
    expect(box.querySelectorAll('br')).toHaveLength(3);
    // Every character of the answer, nothing added (the box keeps white space as typed).
    expect(box.textContent).toBe(answer.split(/\r\n|\n/).join(''));

    const links = [...box.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://www.tax.tycg.gov.tw/news?id=1&a=2', 'http://example.tw/a']);
    for (const link of links) {
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(link.getAttribute('target')).toBe('_blank');
    }
    expect(links[0].textContent).toBe('https://www.tax.tycg.gov.tw/news?id=1&a=2');
    expect(box.textContent).toContain('news?id=1&a=2。');
    expect(box.textContent).toContain('javascript:alert(1) 不是連結');
  });

  it('lists the versions with source, reason, who and when', async () => {
    const { byTestId } = await render();
    const rows = [...byTestId('kb-history')!.querySelectorAll('tbody tr')];
    const cells = rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()));
    expect(cells[0]).toEqual(['4 比較終點', '管理者更正', '更正開徵月份', 'admin', '115/11/29 00:30']);
    expect(cells[1][0]).toBe('3 比較起點');
    expect(cells[1][1]).toBe('提案');
    expect(cells[2][1]).toBe('匯入');
  });

  it('compares the latest version with the one before: deletions in <del> on the left, insertions in <ins> on the right', async () => {
    const { fixture, byTestId } = await render();
    const diff = byTestId('kb-diff')!;
    const answer = diff.querySelector('tr[data-field="answer"]')!;
    const before = answer.querySelector('[data-side="before"]')!;
    const after = answer.querySelector('[data-side="after"]')!;
    expect([...before.querySelectorAll('del')].map((del) => del.textContent)).toEqual(['5']);
    expect(before.querySelector('ins')).toBeNull();
    expect(before.textContent).toBe('每年 5 月開徵');
    expect([...after.querySelectorAll('ins')].map((ins) => ins.textContent)).toEqual(['6']);
    expect(after.querySelector('del')).toBeNull();
    expect(after.textContent).toBe('每年 6 月開徵');

    // The unchanged question is behind the toggle.
    expect(diff.querySelector('tr[data-field="question"]')).toBeNull();
    const toggle = byTestId<HTMLButtonElement>('kb-diff-unchanged')!;
    expect(toggle.textContent).toContain('顯示未變更欄位');
    toggle.click();
    await fixture.whenStable();
    expect(diff.querySelector('tr[data-field="question"]')!.textContent).toContain('未變更');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
  });

  it('compares the two versions the user picks', async () => {
    const { fixture, byTestId, http } = await render();
    byTestId('kb-version-from')!.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLElement>('mat-option')].find((option) => option.textContent!.trim().startsWith('第 2 版'))!.click();
    TestBed.tick();
    http.expectOne('/api/kb/items/HT-0001/diff?from=2&to=4').flush(makeDiff(2, 4));
    await fixture.whenStable();
    expect(byTestId('kb-diff')!.querySelector('th[scope="col"]:nth-child(2)')!.textContent!.trim()).toBe('第 2 版');
  });

  it('has no status button for users other than the system administrator', async () => {
    const { byTestId } = await render(makeItem(), { roles: [Role.GroupLeader, Role.KnowledgeContact] });
    expect(byTestId('kb-status-toggle')).toBeNull();
  });

  it('lets the system administrator disable an item, with a required reason', async () => {
    const { fixture, byTestId, http } = await render(makeItem(), { roles: [Role.SystemAdmin] });
    const toggle = byTestId<HTMLButtonElement>('kb-status-toggle')!;
    expect(toggle.textContent).toContain('停用');
    toggle.click();
    await fixture.whenStable();

    byTestId<HTMLButtonElement>('kb-status-confirm')!.click();
    await fixture.whenStable();
    http.expectNone((req) => req.method === 'PATCH');
    expect(byTestId('kb-status-form')!.textContent).toContain('請填寫原因');

    const reason = byTestId<HTMLTextAreaElement>('kb-status-reason')!;
    reason.value = '  全部匯入已不含此題  ';
    reason.dispatchEvent(new Event('input'));
    byTestId<HTMLButtonElement>('kb-status-confirm')!.click();
    const patch = http.expectOne('/api/kb/items/HT-0001/status');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ status: 'disabled', reason: '全部匯入已不含此題' });
    patch.flush(makeItem({ status: KbItemStatus.Disabled, version: 5 }));
    TestBed.tick();
    // The correction is a new version: the history is read again.
    http.expectOne('/api/kb/items/HT-0001/versions').flush([makeVersion(5, { source: 'correction' }), ...VERSIONS]);
    await settle();
    http.expectOne('/api/kb/items/HT-0001/diff?from=4&to=5').flush(makeDiff(4, 5));
    await fixture.whenStable();

    expect(byTestId('kb-item-status')!.textContent!.trim()).toBe('停用');
    expect(byTestId('kb-status-form')).toBeNull();
    expect(byTestId('kb-status-toggle')!.textContent).toContain('重新發布');
    expect(open).toHaveBeenCalledWith('已停用 HT-0001', '關閉', expect.anything());
  });

  it('shows a refused status change in the form', async () => {
    const { fixture, byTestId, http } = await render(makeItem({ status: KbItemStatus.Disabled }), { roles: [Role.SystemAdmin] });
    byTestId<HTMLButtonElement>('kb-status-toggle')!.click();
    await fixture.whenStable();
    const reason = byTestId<HTMLTextAreaElement>('kb-status-reason')!;
    reason.value = '誤停用';
    reason.dispatchEvent(new Event('input'));
    byTestId<HTMLButtonElement>('kb-status-confirm')!.click();
    const patch = http.expectOne('/api/kb/items/HT-0001/status');
    expect(patch.request.body).toEqual({ status: 'published', reason: '誤停用' });
    patch.flush(
      { statusCode: 409, code: 'KB_ITEM_CHANGED', message: { 'zh-TW': '題目已被他人修改', en: 'Changed by someone else' } },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(byTestId('kb-status-error')!.textContent).toContain('題目已被他人修改');
    expect(open).not.toHaveBeenCalled();
  });

  it('says so when there is no such item', async () => {
    signIn();
    const fixture = TestBed.createComponent(KbItemPageComponent);
    fixture.componentRef.setInput('id', 'NOPE-1');
    TestBed.tick();
    const http = TestBed.inject(HttpTestingController);
    const notFound = { statusCode: 404, code: 'KB_ITEM_NOT_FOUND', message: { 'zh-TW': '找不到題目', en: 'No such item' } };
    http.expectOne('/api/kb/items/NOPE-1').flush(notFound, { status: 404, statusText: 'Not Found' });
    http.expectOne('/api/kb/items/NOPE-1/versions').flush(notFound, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[data-testid="kb-item-not-found"]')!.textContent).toContain('找不到題目 NOPE-1');
    expect(host.querySelector('[data-testid="kb-item"]')).toBeNull();
    expect(open).not.toHaveBeenCalled();
  });
});
