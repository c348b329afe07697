import { ChangeDetectionStrategy, Component, Injector, afterNextRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { ImportProfileDto, ReportKind } from '@tunedesk/contracts';
import { filter, switchMap } from 'rxjs';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorMessage } from '../shared/api-error';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { ProfileFormComponent } from './profile-form.component';
import { TuningApi } from './tuning.api';

type Editing = { mode: 'create' } | { mode: 'edit'; profile: ImportProfileDto };

/** How many further header names a profile gives a format. */
export function aliasCount(profile: ImportProfileDto, format: ReportKind): number {
  return Object.values(profile.aliases[format] ?? {}).reduce((sum, list) => sum + list.length, 0);
}

/** 匯入設定檔: a vendor's header names, per report format. */
@Component({
  selector: 'td-import-profiles-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTableModule,
    FormErrorComponent,
    LoadStateComponent,
    ProfileFormComponent,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './import-profiles-tab.component.html',
  styleUrl: './tuning-tab.scss',
})
export class ImportProfilesTabComponent {
  private readonly api = inject(TuningApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);

  readonly canEdit = input(false);

  protected readonly columns = ['name', 'aliases', 'note', 'updated', 'actions'] as const;
  protected readonly fields = rxResource({ stream: () => this.api.reportFields() });
  protected readonly profiles = rxResource({ stream: () => this.api.profiles() });

  protected readonly editing = signal<Editing | null>(null);
  protected readonly editingProfile = computed(() => {
    const editing = this.editing();
    return editing?.mode === 'edit' ? editing.profile : null;
  });
  protected readonly otherNames = computed(() => {
    const self = this.editingProfile()?.id;
    return (this.profiles.hasValue() ? this.profiles.value() : []).filter((profile) => profile.id !== self).map((profile) => profile.name);
  });

  /** A refused delete is shown above the list, naming the profile. */
  private readonly deleteFailure = signal<{ id: number; name: string; error: unknown } | null>(null);
  protected readonly deleteError = computed(() => {
    const failure = this.deleteFailure();
    return failure ? { id: failure.id, name: failure.name, message: apiErrorMessage(failure.error, this.i18n) } : null;
  });
  private readonly deleteErrorBox = viewChild<FormErrorComponent>('deleteErrorBox');

  protected aliasCount(profile: ImportProfileDto, format: ReportKind): number {
    return aliasCount(profile, format);
  }

  protected startCreate(): void {
    this.deleteFailure.set(null);
    this.editing.set({ mode: 'create' });
  }

  protected open(profile: ImportProfileDto): void {
    this.deleteFailure.set(null);
    this.editing.set({ mode: 'edit', profile });
  }

  protected close(): void {
    this.editing.set(null);
  }

  protected onSaved(event: { profile: ImportProfileDto; created: boolean }): void {
    this.editing.set(null);
    this.snackBar.open(
      this.i18n.t(event.created ? 'tuning.profiles.created' : 'tuning.profiles.saved', { name: event.profile.name }),
      this.i18n.t('common.dismiss'),
      { duration: 4000 },
    );
    this.profiles.reload();
  }

  protected remove(profile: ImportProfileDto): void {
    this.deleteFailure.set(null);
    confirmAction(this.dialog, {
      title: this.i18n.t('tuning.profiles.deleteConfirm.title'),
      message: this.i18n.t('tuning.profiles.deleteConfirm.body', { name: profile.name }),
      confirmLabel: this.i18n.t('common.delete'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.removeProfile(profile.id)),
      )
      .subscribe({
        next: () => {
          if (this.editingProfile()?.id === profile.id) this.editing.set(null);
          this.snackBar.open(this.i18n.t('tuning.profiles.deleted', { name: profile.name }), this.i18n.t('common.dismiss'), {
            duration: 4000,
          });
          this.profiles.reload();
        },
        error: (error: unknown) => {
          this.deleteFailure.set({ id: profile.id, name: profile.name, error });
          afterNextRender(() => this.deleteErrorBox()?.focus(), { injector: this.injector });
        },
      });
  }
}
