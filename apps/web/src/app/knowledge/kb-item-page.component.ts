import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { KbItemStatus, type KbVersionSource } from '@tunedesk/contracts';
import { AuthService } from '../auth/auth.service';
import { ADMIN_ROLES } from '../auth/roles';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorCode, apiErrorDetails, apiErrorMessage, httpErrorOf } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { focusFirstField, focusFirstProblem } from '../shared/form-errors';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { KbApi } from './kb.api';
import { KbDiffComponent } from './kb-diff.component';
import { KB_SOURCE_LABEL, KB_STATUS_BADGE, KB_STATUS_LABEL } from './kb-labels';
import { linkifyText } from './kb-text';

export const KB_REASON_MAX = 500;

@Component({
  selector: 'td-kb-item-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    RouterLink,
    FormErrorComponent,
    KbDiffComponent,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './kb-item-page.component.html',
  styleUrl: './kb-item-page.component.scss',
})
export class KbItemPageComponent {
  private readonly api = inject(KbApi);
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** `:id` of the route: the vendor's 題目編號. */
  readonly id = input.required<string>();

  protected readonly Status = KbItemStatus;
  protected readonly statusBadge = KB_STATUS_BADGE;
  protected readonly statusLabel = KB_STATUS_LABEL;
  protected readonly versionColumns = ['version', 'source', 'reason', 'changedBy', 'changedAt'] as const;
  protected readonly reasonMax = KB_REASON_MAX;

  protected readonly isAdmin = computed(() => this.auth.hasRole(...ADMIN_ROLES));

  protected readonly item = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly notFound = computed(() => {
    const error = this.item.error();
    return !!error && (apiErrorCode(error) === 'KB_ITEM_NOT_FOUND' || httpErrorOf(error)?.status === 404);
  });
  /** Line by line, URLs as links; interpolated, never parsed as HTML. */
  protected readonly answer = computed(() => (this.item.hasValue() ? linkifyText(this.item.value().answer) : []));

  protected readonly versions = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.versions(params) });
  private readonly versionList = computed(() => (this.versions.hasValue() ? this.versions.value() : []));
  /** By default the latest version against the one before it. */
  protected readonly to = linkedSignal<number | null>(() => this.versionList()[0]?.version ?? null);
  protected readonly from = linkedSignal<number | null>(() => this.versionList()[1]?.version ?? null);
  protected readonly sameVersion = computed(() => this.from() !== null && this.from() === this.to());
  protected readonly diff = rxResource({
    params: () => {
      const from = this.from();
      const to = this.to();
      return from !== null && to !== null && from !== to ? { id: this.id(), from, to } : undefined;
    },
    stream: ({ params }) => this.api.diff(params.id, params.from, params.to),
  });

  // The administrator's correction: 停用 or 重新發布, with a reason.
  protected readonly changing = signal(false);
  protected readonly saving = signal(false);
  protected readonly statusForm = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(KB_REASON_MAX)]],
  });
  protected readonly reason = this.statusForm.controls.reason;
  private readonly failure = signal<unknown>(null);
  protected readonly statusError = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));
  protected readonly statusReasons = computed(() => apiErrorDetails(this.failure()).map((detail) => detail.reason));
  /** Where the button takes the item. */
  protected readonly target = computed(() =>
    this.item.hasValue() && this.item.value().status === KbItemStatus.Published ? KbItemStatus.Disabled : KbItemStatus.Published,
  );

  /** Table rows are untyped; this gives the template a typed look-up. */
  protected sourceKey(source: KbVersionSource): MessageKey {
    return KB_SOURCE_LABEL[source];
  }

  protected startStatusChange(): void {
    this.reason.reset('');
    this.failure.set(null);
    this.changing.set(true);
    focusFirstField(this.injector, () => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="kb-status-form"]') ?? undefined);
  }

  protected cancelStatusChange(): void {
    this.changing.set(false);
    this.failure.set(null);
  }

  protected submitStatusChange(): void {
    if (!this.item.hasValue() || this.saving()) return;
    const reason = this.reason.value.trim();
    if (!reason) this.reason.setValue('');
    if (this.reason.invalid) {
      this.reason.markAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    const status = this.target();
    this.saving.set(true);
    this.failure.set(null);
    this.api.setStatus(this.item.value().id, { status, reason }).subscribe({
      next: (updated) => {
        this.saving.set(false);
        this.changing.set(false);
        this.item.set(updated);
        this.versions.reload();
        const done = status === KbItemStatus.Disabled ? 'kb.status.doneDisabled' : 'kb.status.donePublished';
        this.snackBar.open(this.i18n.t(done, { id: updated.id }), this.i18n.t('common.dismiss'), { duration: 4000 });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.failure.set(error);
        focusFirstProblem(this.injector, this.host.nativeElement);
      },
    });
  }
}
