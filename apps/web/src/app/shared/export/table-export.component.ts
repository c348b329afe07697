import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { I18nService } from '../../i18n/i18n.service';
import { TranslatePipe } from '../../i18n/t.pipe';
import { type ExportTable, type SpreadsheetFormat, TableExportService } from './table-export.service';

/** The export buttons every dashboard table carries: CSV, XLSX and ODS. */
@Component({
  selector: 'td-table-export',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    <div class="exports" role="group" [attr.aria-label]="'export.label' | t: { title: table().title }">
      <button mat-stroked-button type="button" [attr.data-testid]="'export-csv-' + id()" (click)="csv()">
        <mat-icon aria-hidden="true">download</mat-icon>
        {{ 'export.csv' | t }}
      </button>
      <button mat-stroked-button type="button" [attr.data-testid]="'export-xlsx-' + id()" [disabled]="busy()" (click)="spreadsheet('xlsx')">
        <mat-icon aria-hidden="true">download</mat-icon>
        {{ 'export.xlsx' | t }}
      </button>
      <button mat-stroked-button type="button" [attr.data-testid]="'export-ods-' + id()" [disabled]="busy()" (click)="spreadsheet('ods')">
        <mat-icon aria-hidden="true">download</mat-icon>
        {{ 'export.ods' | t }}
      </button>
    </div>
  `,
  styles: `
    .exports {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    @media print {
      .exports {
        display: none;
      }
    }
  `,
})
export class TableExportComponent {
  private readonly exporter = inject(TableExportService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  readonly table = input.required<ExportTable>();
  /** Suffix of the buttons' data-testid */
  readonly id = input.required<string>();
  protected readonly busy = signal(false);

  protected csv(): void {
    this.exporter.csv(this.table());
  }

  protected async spreadsheet(format: SpreadsheetFormat): Promise<void> {
    this.busy.set(true);
    try {
      await this.exporter.spreadsheet(this.table(), format);
    } catch {
      this.snackBar.open(this.i18n.t('export.failed', { format: format.toUpperCase() }), undefined, { duration: 6000 });
    } finally {
      this.busy.set(false);
    }
  }
}
