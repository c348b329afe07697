import { DOCUMENT, ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { type AccountRequestDto, AccountRequestReason, ROLES } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import type { MessageKey } from '../i18n/messages';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { AccountRequestsApi } from './account-requests.api';
import { REQUEST_KINDS, REQUEST_REASONS } from './request-labels';

export const CHECKED = '☑';
export const UNCHECKED = '☐';

export interface PrintOption {
  label: MessageKey;
  checked: boolean;
  /** 其他 carries its explanation on a line after it: "☑ 其他：…". */
  note?: string;
}

/** The tick boxes of the paper form: 申請類別, 申請權限 and 申請原因. */
export function printOptions(request: AccountRequestDto): { kinds: PrintOption[]; roles: PrintOption[]; reasons: PrintOption[] } {
  return {
    kinds: REQUEST_KINDS.map((kind) => ({ label: `requestKind.${kind}` as MessageKey, checked: request.kind === kind })),
    roles: ROLES.map((role) => ({ label: `role.${role}` as MessageKey, checked: request.requestedRoles.includes(role) })),
    reasons: REQUEST_REASONS.map((reason) =>
      reason === AccountRequestReason.Other
        ? {
            label: 'requests.print.other',
            checked: request.reason === reason,
            note: request.reason === reason ? (request.reasonNote ?? '') : '',
          }
        : { label: `requestReason.${reason}` as MessageKey, checked: request.reason === reason },
    ),
  };
}

/**
 * 「桃園市政府地方稅務局 帳號權限異動申請表」(附件四) laid out as the paper
 * form, one A4 portrait page. The shell and the buttons are not printed.
 */
@Component({
  selector: 'td-request-print-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, RouterLink, LoadStateComponent, RocDatePipe, TranslatePipe],
  templateUrl: './request-print-page.component.html',
  styleUrl: './request-print-page.component.scss',
})
export class RequestPrintPageComponent {
  private readonly api = inject(AccountRequestsApi);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18nService);

  /** `:id` of the route. */
  readonly id = input.required<string>();

  protected readonly CHECKED = CHECKED;
  protected readonly UNCHECKED = UNCHECKED;

  protected readonly request = rxResource({ params: () => Number(this.id()), stream: ({ params }) => this.api.get(params) });
  protected readonly options = computed(() => (this.request.hasValue() ? printOptions(this.request.value()) : null));

  protected print(): void {
    this.document.defaultView?.print();
  }
}
