import { DOCUMENT, ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { WebsiteApi } from './website.api';
import { formatMonth } from './website-labels';

/**
 * 「網站資料檢視成果表」(附件三) as the paper form: unit and month, one row per
 * page with the result, the fix and its correction and re-check, then the
 * reviewer's and the unit head's sign-off. A4 landscape; the shell is not printed.
 */
@Component({
  selector: 'td-review-print-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, RouterLink, LoadStateComponent, RocDatePipe, TranslatePipe],
  templateUrl: './review-print-page.component.html',
  styleUrl: './review-print-page.component.scss',
})
export class ReviewPrintPageComponent {
  private readonly api = inject(WebsiteApi);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(I18nService);

  /** `:id` of the route. */
  readonly id = input.required<string>();

  protected readonly CHECKED = '☑';
  protected readonly UNCHECKED = '☐';

  protected readonly form = rxResource({ params: () => Number(this.id()), stream: ({ params }) => this.api.review(params) });
  protected readonly monthLabel = computed(() => (this.form.hasValue() ? formatMonth(this.form.value().month, this.i18n.lang()) : ''));

  protected print(): void {
    this.document.defaultView?.print();
  }
}
