import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import type { ImportSummary, WebPageDto } from '@tunedesk/contracts';
import { filter, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { WEBSITE_PAGE_EDITOR_ROLES } from '../auth/roles';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorMessage } from '../shared/api-error';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import type { FileFormat } from '../shared/export/file-links.component';
import { FileLinksComponent } from '../shared/export/file-links.component';
import { FileDrop } from '../shared/file-drop';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { TABLE_FILE_EXTENSIONS, acceptsTableFile } from '../shared/upload/table-files';
import { PageDialogComponent, type PageDialogData } from './page-dialog.component';
import { WEBSITE_API, WebsiteApi } from './website.api';
import { type PageTreeNode, buildPageTree, matchesPage } from './website-labels';

/**
 * 網頁清單 (format 5) as the site's menu tree, each level opened and closed with
 * Enter / Space or ← →; filtered by unit and text. The service section and the
 * administrator add, move and retire pages and import the inventory.
 */
@Component({
  selector: 'td-pages-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    NgTemplateOutlet,
    RouterLink,
    FileLinksComponent,
    LoadStateComponent,
    TranslatePipe,
  ],
  templateUrl: './pages-page.component.html',
  styleUrl: './pages-page.component.scss',
})
export class PagesPageComponent {
  private readonly api = inject(WebsiteApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  protected readonly canEdit = computed(() => !!this.auth.me()?.roles.some((role) => WEBSITE_PAGE_EDITOR_ROLES.includes(role)));
  protected readonly includeRetired = signal(false);
  protected readonly pages = rxResource({
    params: () => this.includeRetired(),
    stream: ({ params }) => this.api.pages({ includeRetired: params }),
  });
  protected readonly unit = signal('');
  protected readonly query = signal('');
  protected readonly units = computed(() => {
    const seen = new Map<string, string>();
    for (const page of this.pages.value() ?? []) seen.set(page.ownerUnitCode, page.ownerUnitName);
    return [...seen].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
  });
  protected readonly shown = computed(() =>
    (this.pages.value() ?? []).filter((page) => (!this.unit() || page.ownerUnitCode === this.unit()) && matchesPage(page, this.query())),
  );
  protected readonly tree = computed(() => buildPageTree(this.shown()));
  /** Closed levels (all open by default, so a filter shows its matches at once). */
  protected readonly collapsed = signal<ReadonlySet<string>>(new Set());
  protected readonly exportHref = (format: FileFormat) => WEBSITE_API.exportPages(format);

  protected isOpen(node: PageTreeNode): boolean {
    return !this.collapsed().has(node.key);
  }

  protected toggle(node: PageTreeNode, open = !this.isOpen(node)): void {
    this.collapsed.update((set) => {
      const next = new Set(set);
      if (open) next.delete(node.key);
      else next.add(node.key);
      return next;
    });
  }

  protected onNodeKey(event: KeyboardEvent, node: PageTreeNode): void {
    if (event.key === 'ArrowRight') this.toggle(node, true);
    else if (event.key === 'ArrowLeft') this.toggle(node, false);
    else return;
    event.preventDefault();
  }

  protected expandAll(open: boolean): void {
    const keys: string[] = [];
    const walk = (nodes: PageTreeNode[]) => nodes.forEach((node) => (keys.push(node.key), walk(node.children)));
    walk(this.tree());
    this.collapsed.set(open ? new Set() : new Set(keys));
  }

  protected edit(page?: WebPageDto): void {
    this.dialog
      .open<PageDialogComponent, PageDialogData, WebPageDto>(PageDialogComponent, { data: { page }, autoFocus: 'first-tabbable' })
      .afterClosed()
      .pipe(filter(Boolean))
      .subscribe((saved) => {
        this.snackBar.open(
          this.i18n.t(page ? 'website.pages.moved' : 'website.pages.added', { title: saved.title }),
          this.i18n.t('common.dismiss'),
          {
            duration: 4000,
          },
        );
        this.pages.reload();
      });
  }

  protected retire(page: WebPageDto): void {
    confirmAction(this.dialog, {
      title: this.i18n.t('website.pages.retireTitle'),
      message: this.i18n.t('website.pages.retireConfirm', { title: page.title }),
      confirmLabel: this.i18n.t('website.pages.retire'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.retirePage(page.pageId)),
      )
      .subscribe({
        next: (retired) => {
          this.snackBar.open(this.i18n.t('website.pages.retired', { title: retired.title }), this.i18n.t('common.dismiss'), {
            duration: 4000,
          });
          this.pages.reload();
        },
        error: (error: unknown) => this.snackBar.open(apiErrorMessage(error, this.i18n), this.i18n.t('common.dismiss'), { duration: 6000 }),
      });
  }

  // Import (format 5).
  protected readonly accept = TABLE_FILE_EXTENSIONS.join(',');
  protected readonly file = signal<File | null>(null);
  protected readonly wrongType = signal<string | null>(null);
  protected readonly importing = signal(false);
  protected readonly imported = signal<ImportSummary | null>(null);
  protected readonly importError = signal('');
  protected readonly fileDrop = new FileDrop(this.importing, (file) => this.choose(file));

  protected onFileChosen(event: Event): void {
    this.choose((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  private choose(file: File | null): void {
    if (file && !acceptsTableFile(file.name)) {
      this.file.set(null);
      this.wrongType.set(file.name);
      return;
    }
    this.wrongType.set(null);
    this.file.set(file);
  }

  protected upload(): void {
    const file = this.file();
    if (!file || this.importing()) return;
    this.importing.set(true);
    this.importError.set('');
    this.imported.set(null);
    this.api.importPages(file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.Response && event.body) {
          this.importing.set(false);
          this.imported.set(event.body);
          this.file.set(null);
          this.pages.reload();
        }
      },
      error: (error: unknown) => {
        this.importing.set(false);
        this.importError.set(apiErrorMessage(error, this.i18n));
      },
    });
  }
}
