import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { I18nService } from '../../i18n/i18n.service';
import { RocDateInputComponent } from './roc-date-input.component';
import { RocMonthInputComponent } from './roc-month-input.component';

@Component({
  imports: [ReactiveFormsModule, RocDateInputComponent, RocMonthInputComponent],
  template: `
    <td-roc-date-input [formControl]="date" label="調校期限" testId="date" />
    <td-roc-month-input [formControl]="month" label="報表月份" testId="month" />
  `,
})
class HostComponent {
  readonly date = new FormControl('', { nonNullable: true });
  readonly month = new FormControl('', { nonNullable: true });
}

describe('ROC date and month inputs', () => {
  beforeEach(() => localStorage.clear());

  async function render() {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const input = (id: string) => host.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
    const type = async (id: string, value: string) => {
      input(id).value = value;
      input(id).dispatchEvent(new Event('input'));
      input(id).dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    return { fixture, host, input, type, date: fixture.componentInstance.date, month: fixture.componentInstance.month };
  }

  it.each([['115/12/07'], ['115.12.07'], ['民國115年12月7日'], ['1151207']])('hands the form 2026-12-07 for %s', async (text) => {
    const { type, date } = await render();
    await type('date', text);
    expect(date.value).toBe('2026-12-07');
    expect(date.valid).toBe(true);
  });

  it('rejects 115/02/30 with a clear message and leaves the form invalid', async () => {
    const { type, date, host } = await render();
    await type('date', '115/12/07');
    await type('date', '115/02/30');
    expect(date.value).toBe('');
    expect(date.hasError('rocDate')).toBe(true);
    expect(host.querySelector('[data-testid="date-error"]')?.textContent).toContain('「115/02/30」不是有效的日期');
    await type('date', '115/02/28');
    expect(date.value).toBe('2026-02-28');
    expect(date.valid).toBe(true);
    expect(host.querySelector('[data-testid="date-error"]')).toBeNull();
  });

  it('shows the form value as an ROC date, and in ISO once switched to English', async () => {
    const { fixture, input, date } = await render();
    date.setValue('2026-12-07');
    await fixture.whenStable();
    expect(input('date').value).toBe('115/12/07');
    TestBed.inject(I18nService).setLang('en');
    date.setValue('2026-12-08');
    await fixture.whenStable();
    expect(input('date').value).toBe('2026-12-08');
  });

  it('opens a calendar whose header is in ROC years', async () => {
    const { fixture, date, host } = await render();
    date.setValue('2026-12-07');
    await fixture.whenStable();
    host.querySelector<HTMLButtonElement>('[data-testid="date-toggle"] button')!.click();
    await fixture.whenStable();
    expect(document.querySelector('.mat-calendar-period-button')?.textContent).toContain('民國115年12月');
    expect(document.querySelector('.mat-calendar-body-selected')?.textContent?.trim()).toBe('7');
  });

  it.each([['115年12月'], ['115/12'], ['民國115年12月']])('month input hands the form 2026-12 for %s', async (text) => {
    const { type, month } = await render();
    await type('month', text);
    expect(month.value).toBe('2026-12');
  });

  it('month input rejects 115年13月 and shows a month as 115年12月', async () => {
    const { fixture, type, input, month, host } = await render();
    await type('month', '115年13月');
    expect(month.hasError('rocMonth')).toBe(true);
    expect(host.querySelector('[data-testid="month-error"]')?.textContent).toContain('不是有效的月份');
    month.setValue('2026-11');
    await fixture.whenStable();
    expect(input('month').value).toBe('115年11月');
    expect(month.valid).toBe(true);
  });

  it('month picker opens on the ROC years and closes on a month', async () => {
    const { fixture, month, host } = await render();
    host.querySelector<HTMLButtonElement>('[data-testid="month-toggle"] button')!.click();
    await fixture.whenStable();
    expect(host.querySelector('[data-testid="month-toggle"] button')!.getAttribute('aria-expanded')).toBe('true');
    await fixture.whenStable();
    const cells = () => [...document.querySelectorAll<HTMLElement>('.mat-calendar-body-cell')];
    const year = cells().find((cell) => cell.textContent!.trim() === '115年');
    expect(year).toBeDefined();
    year!.click();
    await fixture.whenStable();
    cells()
      .find((cell) => cell.textContent!.trim() === '12月')!
      .click();
    await fixture.whenStable();
    expect(month.value).toBe('2026-12');
    // Closed on the month: no day to pick.
    expect(host.querySelector('[data-testid="month-toggle"] button')!.getAttribute('aria-expanded')).toBe('false');
  });
});
