import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { PASSWORD_PATH, safeReturnUrl } from './auth.guards';
import { AuthService } from './auth.service';

@Component({
  selector: 'td-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    FormErrorComponent,
    TranslatePipe,
  ],
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.scss',
})
export class LoginPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);

  /** `?returnUrl=` from the guard that sent the user here. */
  readonly returnUrl = input<string | undefined>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    account: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly pending = signal(false);
  private readonly failure = signal<unknown>(null);
  private readonly incomplete = signal(false);
  /** Recomputed on a language switch, so the message follows it. */
  protected readonly errorMessage = computed(() => {
    if (this.incomplete()) return this.i18n.t('login.required');
    const failure = this.failure();
    return failure ? apiErrorMessage(failure, this.i18n) : '';
  });

  private readonly accountInput = viewChild.required<ElementRef<HTMLInputElement>>('accountInput');
  private readonly errorBox = viewChild(FormErrorComponent);

  constructor() {
    afterNextRender(() => this.accountInput().nativeElement.focus());
  }

  protected submit(): void {
    if (this.pending()) return;
    this.failure.set(null);
    if (this.form.invalid) {
      this.incomplete.set(true);
      this.form.markAllAsTouched();
      this.focusError();
      return;
    }
    this.incomplete.set(false);
    this.pending.set(true);
    this.auth.login(this.form.getRawValue()).subscribe({
      next: (me) => {
        this.pending.set(false);
        void this.router.navigateByUrl(me.passwordChangeRequired ? PASSWORD_PATH : safeReturnUrl(this.returnUrl()));
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.failure.set(error);
        this.form.controls.password.reset();
        this.focusError();
      },
    });
  }

  private focusError(): void {
    // Focus on the message: it is read out, and Shift+Tab leads straight back to the password.
    afterNextRender(() => this.errorBox()?.focus(), { injector: this.injector });
  }
}
