import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { SessionDto } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { ReasonPipe } from '../i18n/reason.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorDetails, apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { applyServerErrors, focusFirstProblem, serverReasons } from '../shared/form-errors';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { LOGIN_PATH } from './auth.guards';
import { AuthService } from './auth.service';
import { describeUserAgent } from './user-agent';

/** Empty text means "none" to the server. */
function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

@Component({
  selector: 'td-profile-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTableModule,
    RouterLink,
    LoadStateComponent,
    FormErrorComponent,
    RocDatePipe,
    ReasonPipe,
    TranslatePipe,
  ],
  templateUrl: './profile-page.component.html',
  styleUrl: './profile-page.component.scss',
})
export class ProfilePageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly me = this.auth.me;
  protected readonly serverReasons = serverReasons;
  protected readonly describeUserAgent = describeUserAgent;
  protected readonly sessionColumns = ['createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'browser', 'actions'] as const;

  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [this.me()?.displayName ?? '', [Validators.required, Validators.maxLength(64)]],
    email: [this.me()?.email ?? '', [Validators.email, Validators.maxLength(254)]],
    extension: [this.me()?.extension ?? '', Validators.maxLength(16)],
  });
  protected readonly saving = signal(false);
  private readonly saveFailure = signal<unknown>(null);
  protected readonly otherReasons = signal<string[]>([]);
  protected readonly saveError = computed(() => (this.saveFailure() ? apiErrorMessage(this.saveFailure(), this.i18n) : ''));

  /** "密碼將於 N 天後到期", "今天到期" or "已逾期 N 天". */
  protected readonly expiry = computed(() => {
    const days = this.me()?.passwordExpiresInDays ?? 0;
    if (days > 0) return this.i18n.t('profile.passwordExpiresIn', { days });
    if (days === 0) return this.i18n.t('profile.passwordExpiresToday');
    return this.i18n.t('profile.passwordOverdue', { days: -days });
  });

  protected readonly sessions = rxResource({ stream: () => this.auth.sessions() });
  /** The current session first, then the most recently active. */
  protected readonly sortedSessions = computed<SessionDto[]>(() =>
    this.sessions.hasValue()
      ? [...this.sessions.value()].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt))
      : [],
  );
  protected readonly ending = signal<string | null>(null);

  protected save(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    const value = this.form.getRawValue();
    this.saveFailure.set(null);
    this.otherReasons.set([]);
    this.saving.set(true);
    this.auth
      .updateProfile({ displayName: value.displayName.trim(), email: orNull(value.email), extension: orNull(value.extension) })
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.form.markAsPristine();
          this.snackBar.open(this.i18n.t('profile.saved'), this.i18n.t('common.dismiss'), { duration: 4000 });
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.saveFailure.set(error);
          this.otherReasons.set(applyServerErrors(this.form, apiErrorDetails(error)));
          focusFirstProblem(this.injector, this.host.nativeElement);
        },
      });
  }

  protected endSession(session: SessionDto): void {
    if (this.ending()) return;
    this.ending.set(session.id);
    this.auth.endSession(session.id).subscribe({
      next: () => {
        this.ending.set(null);
        if (session.current) {
          // Ending this very session signs the user out here too.
          this.auth.clear();
          void this.router.navigateByUrl(LOGIN_PATH);
          return;
        }
        this.snackBar.open(this.i18n.t('profile.session.ended'), this.i18n.t('common.dismiss'), { duration: 4000 });
        this.sessions.reload();
      },
      error: () => this.ending.set(null),
    });
  }
}
