import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AnsweredBeforeDto } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { QueueAnsweredBeforeComponent } from './queue-answered-before.component';
import { makeAnsweredBefore } from './queue-testing';

@Component({
  imports: [QueueAnsweredBeforeComponent],
  template: `<td-queue-answered-before [answered]="answered()" />`,
})
class HostComponent {
  readonly answered = signal<AnsweredBeforeDto | null>(null);
}

describe('QueueAnsweredBeforeComponent (the item page’s notice)', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideRouter([])] }));

  function render(answered: AnsweredBeforeDto | null) {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.answered.set(answered);
    fixture.detectChanges();
    const host = fixture.nativeElement as HTMLElement;
    return { fixture, host, notice: () => host.querySelector<HTMLElement>('[data-testid="queue-item-answered-before"]') };
  }

  it('says nothing when no earlier month answered the wording', () => {
    expect(render(null).notice()).toBeNull();
  });

  it('names the month, the proposal, its state and the wording, and links to that month’s list', () => {
    const { notice } = render(makeAnsweredBefore());
    const text = notice()!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('這個問法在民國115年10月已經答覆過');
    expect(text).toContain('提案 #12（修改，已核章）已處理「房屋稅可以用信用卡繳嗎」');
    expect(text).toContain('尚待廠商更新題庫');
    const link = notice()!.querySelector<HTMLAnchorElement>('[data-testid="queue-item-answered-before-link"]')!;
    expect(link.getAttribute('href')).toBe('/proposals/lists/3/HT#proposal-12');
    expect(link.textContent).toContain('查看115年10月定期調校的資料檢視清單');
    expect(notice()!.querySelector('a.td-mono')!.getAttribute('href')).toBe('/kb/items/HT-0012');
  });

  it('tells a contact to look again when the change was applied and the wording still misses, in English too', () => {
    const { notice, fixture } = render(makeAnsweredBefore({ status: 'applied' }));
    expect(notice()!.textContent).toContain('廠商已更新題庫，這個問法仍未能回答');
    TestBed.inject(I18nService).setLang('en');
    fixture.detectChanges();
    const text = notice()!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('This wording was already answered in 2026-10');
    expect(text).toContain('The vendor has applied the change');
  });
});
