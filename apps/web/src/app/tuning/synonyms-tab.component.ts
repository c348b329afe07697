import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { SynonymDto, SynonymInput } from '@tunedesk/contracts';
import { filter, switchMap } from 'rxjs';
import { I18nService } from '../i18n/i18n.service';
import { ReasonPipe } from '../i18n/reason.pipe';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorMessage } from '../shared/api-error';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { focusFirstField, focusFirstProblem, serverReasons } from '../shared/form-errors';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { TuningApi } from './tuning.api';
import { formatList, matchesSynonym, normaliseText, parseList, showServerErrors } from './tuning-text';

type Editing = { mode: 'create' } | { mode: 'edit'; synonym: SynonymDto };

/** A word another term already has (as its term or a variant): the matcher could not tell which term it stands for. */
export type WordOwner = { word: string; term: string };

/** The words typed that another synonym (not `selfId`) already has, as its term or one of its variants. */
export function wordOwners(words: readonly string[], synonyms: readonly SynonymDto[], selfId: number | null): WordOwner[] {
  const owners = new Map<string, string>();
  for (const synonym of synonyms) {
    if (synonym.id === selfId) continue;
    for (const word of [synonym.term, ...synonym.variants]) owners.set(normaliseText(word), synonym.term);
  }
  return words.flatMap((word) => {
    const term = owners.get(normaliseText(word));
    return term ? [{ word, term }] : [];
  });
}

/** The variants as sent: the term itself is left out (it needs no folding). */
export function variantsOf(text: string, term: string): string[] {
  const own = normaliseText(term);
  return parseList(text).filter((variant) => normaliseText(variant) !== own);
}

/** 同義詞: a term and the variants the matcher folds to it. */
@Component({
  selector: 'td-synonyms-tab',
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
    FormErrorComponent,
    LoadStateComponent,
    ReasonPipe,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './synonyms-tab.component.html',
  styleUrl: './tuning-tab.scss',
})
export class SynonymsTabComponent {
  private readonly api = inject(TuningApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly canEdit = input(false);

  protected readonly serverReasons = serverReasons;
  protected readonly columns = computed(() => {
    const base = ['term', 'variants', 'note', 'updated'];
    return this.canEdit() ? [...base, 'actions'] : base;
  });

  protected readonly synonyms = rxResource({ stream: () => this.api.synonyms() });
  private readonly all = computed(() => (this.synonyms.hasValue() ? this.synonyms.value() : []));
  protected readonly query = signal('');
  protected readonly filtered = computed(() => this.all().filter((synonym) => matchesSynonym(synonym, this.query())));
  protected readonly total = computed(() => this.all().length);

  protected readonly editing = signal<Editing | null>(null);
  private readonly editingId = computed(() => {
    const editing = this.editing();
    return editing?.mode === 'edit' ? editing.synonym.id : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    term: ['', [Validators.required, Validators.maxLength(64), this.termValidator()]],
    variants: ['', this.variantsValidator()],
    note: ['', Validators.maxLength(500)],
  });
  protected readonly saving = signal(false);
  private readonly saveFailure = signal<unknown>(null);
  protected readonly otherReasons = signal<string[]>([]);
  protected readonly saveError = computed(() => (this.saveFailure() ? apiErrorMessage(this.saveFailure(), this.i18n) : ''));

  private readonly deleteFailure = signal<{ id: number; name: string; error: unknown } | null>(null);
  protected readonly deleteError = computed(() => {
    const failure = this.deleteFailure();
    return failure ? { id: failure.id, name: failure.name, message: apiErrorMessage(failure.error, this.i18n) } : null;
  });
  private readonly deleteErrorBox = viewChild<FormErrorComponent>('deleteErrorBox');

  protected onQuery(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
  }

  protected clearQuery(): void {
    this.query.set('');
  }

  /** The `taken` error of the term or the variants: the words, each with the term that has it. */
  protected owners(errors: unknown): WordOwner[] {
    const owners: unknown = (errors as Record<string, unknown> | null)?.['taken'];
    return Array.isArray(owners) ? (owners as WordOwner[]) : [];
  }

  protected startCreate(): void {
    this.open({ mode: 'create' });
  }

  protected startEdit(synonym: SynonymDto): void {
    this.open({ mode: 'edit', synonym });
  }

  protected cancel(): void {
    this.editing.set(null);
  }

  private open(editing: Editing): void {
    const synonym = editing.mode === 'edit' ? editing.synonym : null;
    this.form.reset({ term: synonym?.term ?? '', variants: formatList(synonym?.variants ?? []), note: synonym?.note ?? '' });
    this.saveFailure.set(null);
    this.otherReasons.set([]);
    this.deleteFailure.set(null);
    this.editing.set(editing);
    focusFirstField(this.injector, () => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="synonym-form"]') ?? undefined);
  }

  protected save(): void {
    const editing = this.editing();
    if (!editing || this.saving()) return;
    // The variants are checked against the term as it is now.
    this.form.controls.variants.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.formElement());
      return;
    }
    const value = this.form.getRawValue();
    const term = value.term.trim();
    const body: SynonymInput = { term, variants: variantsOf(value.variants, term), note: value.note.trim() || null };
    this.saving.set(true);
    this.saveFailure.set(null);
    this.otherReasons.set([]);
    const request = editing.mode === 'edit' ? this.api.updateSynonym(editing.synonym.id, body) : this.api.createSynonym(body);
    request.subscribe({
      next: (synonym) => {
        this.saving.set(false);
        this.editing.set(null);
        this.snackBar.open(
          this.i18n.t(editing.mode === 'edit' ? 'tuning.synonyms.saved' : 'tuning.synonyms.created', { term: synonym.term }),
          this.i18n.t('common.dismiss'),
          { duration: 4000 },
        );
        this.synonyms.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveFailure.set(error);
        this.otherReasons.set(showServerErrors(this.form, error));
        focusFirstProblem(this.injector, this.formElement());
      },
    });
  }

  protected remove(synonym: SynonymDto): void {
    this.deleteFailure.set(null);
    confirmAction(this.dialog, {
      title: this.i18n.t('tuning.synonyms.deleteConfirm.title'),
      message: this.i18n.t('tuning.synonyms.deleteConfirm.body', { term: synonym.term }),
      confirmLabel: this.i18n.t('common.delete'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.removeSynonym(synonym.id)),
      )
      .subscribe({
        next: () => {
          if (this.editingId() === synonym.id) this.editing.set(null);
          this.snackBar.open(this.i18n.t('tuning.synonyms.deleted', { term: synonym.term }), this.i18n.t('common.dismiss'), {
            duration: 4000,
          });
          this.synonyms.reload();
        },
        error: (error: unknown) => {
          this.deleteFailure.set({ id: synonym.id, name: synonym.term, error });
          afterNextRender(() => this.deleteErrorBox()?.focus(), { injector: this.injector });
        },
      });
  }

  private formElement(): HTMLElement {
    return this.host.nativeElement.querySelector<HTMLElement>('[data-testid="synonym-form"]') ?? this.host.nativeElement;
  }

  /** A term is not another synonym's term or variant. */
  private termValidator(): ValidatorFn {
    return (control: AbstractControl) => {
      const term = String(control.value ?? '').trim();
      const taken = term ? wordOwners([term], this.all(), this.editingId()) : [];
      return taken.length ? { taken } : null;
    };
  }

  /** At least one variant besides the term; none another synonym's term or variant. */
  private variantsValidator(): ValidatorFn {
    return (control: AbstractControl) => {
      const variants = variantsOf(String(control.value ?? ''), String(control.parent?.get('term')?.value ?? ''));
      if (!variants.length) return { required: true };
      const taken = wordOwners(variants, this.all(), this.editingId());
      return taken.length ? { taken } : null;
    };
  }
}
