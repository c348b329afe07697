import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { type AccountRequestDto, AccountRequestKind, AccountRequestReason, type AccountRequestStep } from '@tunedesk/contracts';
import { type Observable, filter, map, switchMap } from 'rxjs';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorDetails, apiErrorMessage, httpErrorOf } from '../shared/api-error';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { focusFirstProblem } from '../shared/form-errors';
import { InitialPasswordComponent } from '../shared/initial-password/initial-password.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { AccountRequestsApi } from './account-requests.api';
import { STATUS_BADGE } from './request-labels';

export type RequestAction = 'approve' | 'reject' | 'cancel' | 'accept';

export interface StepView {
  key: 'filed' | 'decided' | 'accepted' | 'completed';
  label: MessageKey;
  step: AccountRequestStep | null;
  /** 核准 / 退回 for the unit head's step. */
  verdict?: 'approved' | 'rejected';
  outcome?: string;
}

/** 申請 / 單位主管核章 / 服務科受理 / 完成, each with who, when and what they said. */
export function stepsOf(request: AccountRequestDto): StepView[] {
  return [
    { key: 'filed', label: 'requests.step.filed', step: request.filed },
    {
      key: 'decided',
      label: 'requests.step.decided',
      step: request.decided,
      verdict: request.decided ? (request.decided.approved ? 'approved' : 'rejected') : undefined,
    },
    { key: 'accepted', label: 'requests.step.accepted', step: request.accepted },
    { key: 'completed', label: 'requests.step.completed', step: request.completed, outcome: request.completed?.outcome },
  ];
}

const DONE_MESSAGE: Record<RequestAction, MessageKey> = {
  approve: 'requests.done.approve',
  reject: 'requests.done.reject',
  cancel: 'requests.done.cancel',
  accept: 'requests.done.accept',
};

@Component({
  selector: 'td-request-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RouterLink,
    InitialPasswordComponent,
    LoadStateComponent,
    FormErrorComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './request-detail-page.component.html',
  styleUrl: './request-detail-page.component.scss',
})
export class RequestDetailPageComponent {
  private readonly api = inject(AccountRequestsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** `:id` of the route. */
  readonly id = input.required<string>();

  protected readonly Kind = AccountRequestKind;
  protected readonly Reason = AccountRequestReason;
  protected readonly statusBadge = STATUS_BADGE;

  protected readonly request = rxResource({ params: () => Number(this.id()), stream: ({ params }) => this.api.get(params) });
  protected readonly steps = computed(() => (this.request.hasValue() ? stepsOf(this.request.value()) : []));
  protected readonly anyAction = computed(() => {
    if (!this.request.hasValue()) return false;
    const can = this.request.value().can;
    return can.approve || can.reject || can.cancel || can.accept;
  });

  protected comment = '';
  protected readonly pending = signal<RequestAction | null>(null);
  private readonly failure = signal<unknown>(null);
  protected readonly actionError = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));
  protected readonly actionReasons = computed(() => apiErrorDetails(this.failure()).map((detail) => detail.reason));
  protected readonly issued = signal<{ account: string; initialPassword: string } | null>(null);

  protected closeIssued(): void {
    this.issued.set(null);
  }

  protected act(action: RequestAction): void {
    if (!this.request.hasValue() || this.pending()) return;
    const request = this.request.value();
    const comment = this.comment.trim() || null;
    const call: Observable<AccountRequestDto> =
      action === 'accept'
        ? this.api.accept(request.id, comment).pipe(
            map((result) => {
              if (result.initialPassword) this.issued.set({ account: result.request.account, initialPassword: result.initialPassword });
              return result.request;
            }),
          )
        : this.api.decide(request.id, action, comment);
    const confirmed =
      action === 'cancel'
        ? confirmAction(this.dialog, {
            title: this.i18n.t('requests.cancelConfirm.title'),
            message: this.i18n.t('requests.cancelConfirm.body', { id: request.id }),
            confirmLabel: this.i18n.t('requests.cancel'),
            danger: true,
          })
        : null;
    this.failure.set(null);
    const run = () => {
      this.pending.set(action);
      return call;
    };
    (confirmed ? confirmed.pipe(filter(Boolean), switchMap(run)) : run()).subscribe({
      next: (updated) => {
        this.pending.set(null);
        this.comment = '';
        this.request.set(updated);
        this.snackBar.open(this.i18n.t(DONE_MESSAGE[action]), this.i18n.t('common.dismiss'), { duration: 4000 });
      },
      error: (error: unknown) => {
        this.pending.set(null);
        this.failure.set(error);
        // 409 REQUEST_ALREADY_DECIDED: someone else acted first, so what the page shows is out of date.
        if (httpErrorOf(error)?.status === 409) this.request.reload();
        focusFirstProblem(this.injector, this.host.nativeElement);
      },
    });
  }
}
