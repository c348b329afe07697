import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { ReasonPipe } from '../i18n/reason.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorCode, apiErrorDetails, apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { applyServerErrors, focusFirstProblem, serverReasons } from '../shared/form-errors';
import { AuthService } from './auth.service';
import { RULE_ICON, passwordRuleChecks } from './password-rules';

/** The rules of 要點 七, as the server checks them; listed so nobody has to guess. */
export const PASSWORD_RULES: readonly MessageKey[] = [
  'password.rule.min',
  'password.rule.max',
  'password.rule.classes',
  'password.rule.common',
  'password.rule.account',
  'password.rule.history',
];

/** Confirm must repeat the new password exactly. */
function matchesNewPassword(control: AbstractControl): ValidationErrors | null {
  const newPassword = control.parent?.get('newPassword')?.value as string | undefined;
  return control.value && newPassword !== undefined && control.value !== newPassword ? { mismatch: true } : null;
}

@Component({
  selector: 'td-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RouterLink,
    FormErrorComponent,
    ReasonPipe,
    TranslatePipe,
  ],
  templateUrl: './password-page.component.html',
  styleUrl: './password-page.component.scss',
})
export class PasswordPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly injector = inject(Injector);

  protected readonly serverReasons = serverReasons;

  /** initial / expired / reset when forced; null when the user came from the profile. */
  protected readonly forced = computed(() => this.auth.me()?.passwordChangeRequired ?? null);
  protected readonly account = computed(() => this.auth.me()?.account ?? '');
  protected readonly reasonKey = computed<MessageKey>(() => {
    const forced = this.forced();
    return forced ? (`password.reason.${forced}` as MessageKey) : 'password.reason.voluntary';
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', Validators.required],
    confirmPassword: ['', [Validators.required, matchesNewPassword]],
  });

  private readonly newPassword = toSignal(this.form.controls.newPassword.valueChanges, { initialValue: '' });
  /** Each rule ticks only while the password typed so far keeps it. */
  protected readonly ruleChecks = computed(() => passwordRuleChecks(this.newPassword(), this.account()));
  protected readonly ruleIcon = RULE_ICON;

  protected readonly pending = signal(false);
  private readonly failure = signal<unknown>(null);
  /** Server reasons that name no field of this form. */
  protected readonly otherReasons = signal<string[]>([]);
  protected readonly errorMessage = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly firstInput = viewChild.required<ElementRef<HTMLInputElement>>('firstInput');

  constructor() {
    // Typing a different new password must re-check the confirmation.
    this.form.controls.newPassword.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirmPassword.updateValueAndValidity({ emitEvent: false }));
    afterNextRender(() => this.firstInput().nativeElement.focus());
  }

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.failure.set(null);
    this.otherReasons.set([]);
    this.pending.set(true);
    this.auth.changePassword({ currentPassword, newPassword }).subscribe({
      next: () => {
        this.pending.set(false);
        this.snackBar.open(this.i18n.t('password.changed'), this.i18n.t('common.dismiss'), { duration: 5000 });
        void this.router.navigateByUrl('/');
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.failure.set(error);
        if (apiErrorCode(error) === 'CURRENT_PASSWORD_WRONG') {
          this.form.controls.currentPassword.setErrors({ server: [apiErrorMessage(error, this.i18n)] });
        }
        this.otherReasons.set(applyServerErrors(this.form, apiErrorDetails(error)));
        focusFirstProblem(this.injector, this.host.nativeElement);
      },
    });
  }
}
