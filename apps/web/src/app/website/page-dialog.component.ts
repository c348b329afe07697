import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { WebPageDto } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorMessage } from '../shared/api-error';
import { UnitsApi } from '../org/units.api';
import { WebsiteApi } from './website.api';

export interface PageDialogData {
  /** Absent: a new page. */
  page?: WebPageDto;
}

/** Menu path levels separated by › or > or a slash with spaces around it (a label may hold a bare slash, e.g. 稅務訊息/熱門活動). */
export function parseMenuPath(text: string): string[] {
  return text
    .split(/\n|›|>|\s+\/\s+/)
    .map((level) => level.trim())
    .filter(Boolean);
}

/** 新增網頁 / 移動網頁: id (new only), menu path, title, URL and owning unit. Closes with the saved page. */
@Component({
  selector: 'td-page-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ (data.page ? 'website.pages.moveTitle' : 'website.pages.addTitle') | t }}</h2>
    <form (ngSubmit)="save()">
      <mat-dialog-content class="fields">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'website.col.pageId' | t }}</mat-label>
          <input matInput name="pageId" required [(ngModel)]="pageId" [disabled]="!!data.page" data-testid="page-id" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'website.col.menuPath' | t }}</mat-label>
          <input matInput name="menuPath" required [(ngModel)]="menuPath" data-testid="page-menu-path" />
          <mat-hint>{{ 'website.pages.menuPathHint' | t }}</mat-hint>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'website.col.title' | t }}</mat-label>
          <input matInput name="title" required [(ngModel)]="title" data-testid="page-title" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>URL</mat-label>
          <input matInput name="url" type="url" required [(ngModel)]="url" data-testid="page-url" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'website.col.unit' | t }}</mat-label>
          <mat-select name="owner" required [(ngModel)]="owner" data-testid="page-owner">
            @for (unit of units.value() ?? []; track unit.code) {
              <mat-option [value]="unit.code">{{ unit.name }}（{{ unit.code }}）</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (error()) {
          <p class="td-field-error" role="alert" data-testid="page-error">{{ error() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()" data-testid="page-save">{{ 'common.save' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(520px, 80vw);
    }
  `,
})
export class PageDialogComponent {
  protected readonly data = inject<PageDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<PageDialogComponent, WebPageDto>>(MatDialogRef);
  private readonly api = inject(WebsiteApi);
  private readonly i18n = inject(I18nService);
  private readonly unitsApi = inject(UnitsApi);
  protected readonly units = rxResource({ stream: () => this.unitsApi.list() });

  protected pageId = this.data.page?.pageId ?? '';
  protected menuPath = this.data.page?.menuPath.join(' / ') ?? '';
  protected title = this.data.page?.title ?? '';
  protected url = this.data.page?.url ?? '';
  protected owner = this.data.page?.ownerUnitCode ?? '';
  protected readonly saving = signal(false);
  protected readonly error = signal('');

  protected save(): void {
    const menuPath = parseMenuPath(this.menuPath);
    if (!this.pageId.trim() || !menuPath.length || !this.title.trim() || !this.url.trim() || !this.owner) {
      this.error.set(this.i18n.t('website.pages.required'));
      return;
    }
    const body = { menuPath, title: this.title.trim(), url: this.url.trim(), ownerUnitCode: this.owner };
    const call = this.data.page
      ? this.api.updatePage(this.data.page.pageId, body)
      : this.api.createPage({ pageId: this.pageId.trim(), ...body });
    this.saving.set(true);
    this.error.set('');
    call.subscribe({
      next: (page) => this.ref.close(page),
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set(apiErrorMessage(error, this.i18n));
      },
    });
  }
}
