import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../i18n/t.pipe';

export type FileFormat = 'csv' | 'xlsx' | 'ods';

/**
 * The links that download one server file in each format a spreadsheet user
 * may want: CSV, XLSX and ODS (ODF, the Taiwan government's standard). Each
 * link's data-testid is `<testid>-<format>`.
 */
@Component({
  selector: 'td-file-links',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  host: { style: 'display: contents' },
  template: `
    @for (format of formats; track format) {
      <a mat-stroked-button [href]="href()(format)" download [attr.data-testid]="testid() + '-' + format">
        <mat-icon aria-hidden="true">download</mat-icon>{{ 'files.' + verb() | t: { format: 'export.' + format | t } }}
      </a>
    }
  `,
})
export class FileLinksComponent {
  /** The file's address in a format. */
  readonly href = input.required<(format: FileFormat) => string>();
  readonly testid = input.required<string>();
  /** 下載… (a file that exists) or 匯出… (a view written out), or 下載錯誤報表…. */
  readonly verb = input<'download' | 'export' | 'downloadRejected'>('download');
  protected readonly formats: readonly FileFormat[] = ['csv', 'xlsx', 'ods'];
}
