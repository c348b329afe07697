import { ChangeDetectionStrategy, Component, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18nService } from '../../i18n/i18n.service';
import { FormErrorComponent } from './form-error.component';

@Component({
  selector: 'td-form-error-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrorComponent],
  template: `
    @if (message()) {
      <td-form-error data-testid="some-form-error" [message]="message()" [reasons]="reasons()" />
    }
  `,
})
class HostComponent {
  readonly message = signal('資料有誤');
  readonly reasons = signal<string[]>([]);
  readonly error = viewChild(FormErrorComponent);
}

describe('FormErrorComponent', () => {
  beforeEach(() => localStorage.clear());

  async function render() {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const alert = () => host.querySelector<HTMLElement>('[data-testid="some-form-error"]');
    return { fixture, component: fixture.componentInstance, alert };
  }

  it('is itself the alert, focusable from code, with the page’s data-testid', async () => {
    const { alert } = await render();
    const element = alert()!;
    expect(element.tagName).toBe('TD-FORM-ERROR');
    expect(element.getAttribute('role')).toBe('alert');
    expect(element.getAttribute('tabindex')).toBe('-1');
    expect(element.classList).toContain('td-alert');
    expect(element.classList).toContain('td-alert--error');
    expect(element.querySelector('mat-icon')!.getAttribute('aria-hidden')).toBe('true');
    expect(element.querySelector('.td-alert__body')!.textContent!.trim()).toBe('資料有誤');
    expect(element.querySelector('ul')).toBeNull();
  });

  it('lists the further reasons in the interface language', async () => {
    const { fixture, component, alert } = await render();
    component.reasons.set(['帳號已存在 / The account already exists', '單位不存在']);
    await fixture.whenStable();
    const items = () => [...alert()!.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(items()).toEqual(['帳號已存在', '單位不存在']);

    TestBed.inject(I18nService).setLang('en');
    await fixture.whenStable();
    expect(items()).toEqual(['The account already exists', '單位不存在']);
  });

  it('takes focus when asked, and is gone with its message', async () => {
    const { fixture, component, alert } = await render();
    component.error()!.focus();
    expect(document.activeElement).toBe(alert());

    component.message.set('');
    await fixture.whenStable();
    expect(alert()).toBeNull();
  });
});
