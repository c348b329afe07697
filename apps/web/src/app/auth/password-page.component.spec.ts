import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import type { ApiErrorBody, PasswordChangeReason } from '@tunedesk/contracts';
import { errorInterceptor } from '../http/error.interceptor';
import { I18nService } from '../i18n/i18n.service';
import { makeMe, signIn } from '../testing/auth-testing';
import { AuthService } from './auth.service';
import { PasswordPageComponent } from './password-page.component';
import { passwordRuleChecks } from './password-rules';
import { checkPassword } from '@tunedesk/domain';

@Component({ selector: 'td-blank', template: '' })
class BlankComponent {}

/** As the API sends it: each reason in both languages, "中文 / English". */
/** The signed-in account of makeMe. */
const ACCOUNT = 'chen.mh';

const REJECTED: ApiErrorBody = {
  statusCode: 422,
  code: 'PASSWORD_REJECTED',
  message: { 'zh-TW': '新密碼不符合密碼規則', en: 'The new password does not meet the password rules' },
  details: [
    { field: 'newPassword', reason: '密碼至少需 12 個字元 / The password needs at least 12 characters' },
    { field: 'newPassword', reason: '密碼不可包含帳號名稱 / The password must not contain the account name' },
    { reason: '請稍後再試 / Try again later' },
  ],
};

describe('PasswordPageComponent', () => {
  let open: jest.Mock;

  beforeEach(() => {
    localStorage.clear();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: BlankComponent }]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(reason: PasswordChangeReason | null = 'initial') {
    signIn({ passwordChangeRequired: reason });
    await TestBed.inject(Router).navigateByUrl('/password');
    const fixture = TestBed.createComponent(PasswordPageComponent);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const field = (id: string) => host.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
    const fill = (current: string, next: string, confirm: string) => {
      for (const [id, value] of [
        ['pw-current', current],
        ['pw-new', next],
        ['pw-confirm', confirm],
      ]) {
        field(id).value = value;
        field(id).dispatchEvent(new Event('input'));
      }
    };
    const submit = async () => {
      field('pw-submit').click();
      await fixture.whenStable();
    };
    return { fixture, host, field, fill, submit };
  }

  it.each([
    ['initial', '第一次登入'],
    ['expired', '已超過使用期限'],
    ['reset', '由系統管理者重設'],
    [null, '定期變更密碼'],
  ] as const)('explains why the password must change (%s)', async (reason, text) => {
    const { host } = await render(reason);
    expect(host.querySelector('[data-testid="pw-reason"]')!.textContent).toContain(text);
  });

  it('lists the password rules', async () => {
    const { host } = await render();
    const rules = [...host.querySelectorAll('.rules li')].map((li) => li.textContent!.trim());
    expect(rules).toHaveLength(6);
    expect(rules[0]).toContain('至少 12 個字元');
    expect(rules[5]).toContain('最近 3 次');
  });

  describe('the rules panel follows what is typed', () => {
    async function typed(password: string) {
      const { fixture, host, field } = await render();
      field('pw-new').value = password;
      field('pw-new').dispatchEvent(new Event('input'));
      await fixture.whenStable();
      const state = (key: string) => host.querySelector(`[data-rule="password.rule.${key}"]`)!.getAttribute('data-state');
      const icon = (key: string) => host.querySelector(`[data-rule="password.rule.${key}"] mat-icon`)!.textContent!.trim();
      return { state, icon, host };
    }

    it('ticks nothing before anything is typed', async () => {
      const { state, icon } = await typed('');
      for (const key of ['min', 'max', 'classes', 'common', 'account', 'history']) {
        expect(state(key)).toBe('empty');
        expect(icon(key)).not.toBe('check_circle');
      }
    });

    it('a short password breaks the length rule only', async () => {
      const { state, icon, host } = await typed('Ab1!');
      expect(state('min')).toBe('broken');
      expect(icon('min')).toBe('cancel');
      expect(host.querySelector('[data-rule="password.rule.min"]')!.textContent).toContain('未符合');
      expect(state('classes')).toBe('met');
      expect(state('account')).toBe('met');
      expect(state('max')).toBe('met');
    });

    it('too few kinds of characters breaks the classes rule', async () => {
      const { state } = await typed('alllowercaseletters');
      expect(state('min')).toBe('met');
      expect(state('classes')).toBe('broken');
    });

    it('a password over 128 characters breaks the maximum', async () => {
      const { state } = await typed('Aa1!'.repeat(33));
      expect(state('max')).toBe('broken');
      expect(state('min')).toBe('met');
    });

    it('the account name inside the password breaks the account rule, in any case', async () => {
      const { state } = await typed(`X-${ACCOUNT.toUpperCase()}-2026-long`);
      expect(state('account')).toBe('broken');
      expect(state('min')).toBe('met');
      expect(state('classes')).toBe('met');
    });

    it('the rules only the server knows say they are checked on saving, never ticked', async () => {
      const { state, icon } = await typed('Tune-Desk#2026x');
      expect(['min', 'max', 'classes', 'account'].map(state)).toEqual(['met', 'met', 'met', 'met']);
      expect(state('common')).toBe('on-save');
      expect(state('history')).toBe('on-save');
      expect(icon('common')).not.toBe('check_circle');
    });

    it('agrees with the rules the server applies', async () => {
      for (const password of ['Ab1!', 'alllowercaseletters', `x${ACCOUNT}Y-2026-long`, 'Tune-Desk#2026x', 'ＡＢＣabc123456']) {
        const panel = passwordRuleChecks(password, ACCOUNT).filter((rule) => rule.state === 'broken').length;
        const server = checkPassword(password, { account: ACCOUNT, commonPasswords: new Set() }).length;
        expect([password, panel]).toEqual([password, server]);
      }
    });
  });

  it('does not send a new password that the confirmation does not repeat', async () => {
    const { host, fill, submit } = await render();
    fill('Initial-Pass-1', 'Brand-New-Secret-42', 'Brand-New-Secret-43');
    await submit();
    TestBed.inject(HttpTestingController).expectNone('/api/auth/password');
    expect(host.querySelector('[data-testid="pw-mismatch"]')!.textContent).toContain('兩次輸入的新密碼不一致');
  });

  it('lists each broken rule from the server under the new password', async () => {
    const { fixture, host, field, fill, submit } = await render();
    fill('Initial-Pass-1', 'chen.mh-short', 'chen.mh-short');
    await submit();
    const request = TestBed.inject(HttpTestingController).expectOne('/api/auth/password');
    expect(request.request.body).toEqual({ currentPassword: 'Initial-Pass-1', newPassword: 'chen.mh-short' });
    request.flush(REJECTED, { status: 422, statusText: 'Unprocessable Entity' });
    await fixture.whenStable();

    const problems = () => [...host.querySelectorAll('[data-testid="pw-new-problem"]')].map((el) => el.textContent!.trim());
    expect(problems()).toEqual(['密碼至少需 12 個字元', '密碼不可包含帳號名稱']);
    const summary = () => host.querySelector('[data-testid="pw-error"]')!.textContent!;
    expect(summary()).toContain('新密碼不符合密碼規則');
    expect(summary()).toContain('請稍後再試');
    expect(document.activeElement).toBe(field('pw-new'));
    expect(open).not.toHaveBeenCalled();

    TestBed.inject(I18nService).setLang('en');
    await fixture.whenStable();
    expect(problems()).toEqual(['The password needs at least 12 characters', 'The password must not contain the account name']);
    expect(summary()).toContain('The new password does not meet the password rules');
  });

  it('marks a wrong current password without signing the user out', async () => {
    const { fixture, host, fill, submit } = await render();
    fill('not-it', 'Brand-New-Secret-42', 'Brand-New-Secret-42');
    await submit();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/password')
      .flush(
        {
          statusCode: 422,
          code: 'CURRENT_PASSWORD_WRONG',
          message: { 'zh-TW': '目前的密碼不正確', en: 'The current password is not right' },
          details: [{ field: 'currentPassword', reason: '目前的密碼不正確 / The current password is not right' }],
        },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await fixture.whenStable();
    expect(host.querySelector('mat-form-field mat-error')!.textContent!.trim()).toBe('目前的密碼不正確');
    expect(document.activeElement).toBe(host.querySelector('[data-testid="pw-current"]'));
    expect(TestBed.inject(AuthService).me()).not.toBeNull();
    expect(TestBed.inject(Router).url).toBe('/password');
  });

  it('goes to the dashboard with a message once the password is changed', async () => {
    const { fixture, fill, submit } = await render();
    fill('Initial-Pass-1', 'Brand-New-Secret-42', 'Brand-New-Secret-42');
    await submit();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/password')
      .flush(makeMe({ passwordChangeRequired: null }));
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
    expect(TestBed.inject(AuthService).me()?.passwordChangeRequired).toBeNull();
    expect(open).toHaveBeenCalledWith('密碼已變更', '關閉', expect.anything());
  });
});
