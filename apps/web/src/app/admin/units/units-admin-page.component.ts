import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TextFieldModule } from '@angular/cdk/text-field';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { UNIT_KINDS, type UnitDto, UnitKind } from '@tunedesk/contracts';
import { filter, switchMap } from 'rxjs';
import { I18nService } from '../../i18n/i18n.service';
import { ReasonPipe } from '../../i18n/reason.pipe';
import { TranslatePipe } from '../../i18n/t.pipe';
import { UnitsApi } from '../../org/units.api';
import { apiErrorDetails, apiErrorMessage } from '../../shared/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog.component';
import { FormErrorComponent } from '../../shared/form-error/form-error.component';
import { applyServerErrors, focusFirstField, focusFirstProblem, serverReasons } from '../../shared/form-errors';
import { LoadStateComponent } from '../../shared/load-state/load-state.component';

/** "房屋稅、契稅, 地價稅" → ['房屋稅', '契稅', '地價稅']: commas (half or full width), 、, ; and new lines all separate. */
export function parseCategories(text: string): string[] {
  const parts = text
    .split(/[,，、;；\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
  return [...new Set(parts)];
}

/** 業務職掌 and 轄區 keywords: each at most 32 characters, all of them joined by 、 at most 1000 (as the API checks). */
const KEYWORD_MAX_LENGTH = 32;
const KEYWORDS_MAX_LENGTH = 1000;

export function keywordsValidator(control: AbstractControl<string>): ValidationErrors | null {
  const keywords = parseCategories(control.value ?? '');
  const long = keywords.find((keyword) => keyword.length > KEYWORD_MAX_LENGTH);
  if (long !== undefined) return { keywordTooLong: { keyword: long, max: KEYWORD_MAX_LENGTH } };
  const total = keywords.join('、').length;
  return total > KEYWORDS_MAX_LENGTH ? { keywordsTooLong: { total, max: KEYWORDS_MAX_LENGTH } } : null;
}

function byKindThenCode(a: UnitDto, b: UnitDto): number {
  return UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind) || a.code.localeCompare(b.code);
}

type Editing = { mode: 'create' } | { mode: 'edit'; unit: UnitDto };

@Component({
  selector: 'td-units-admin-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    TextFieldModule,
    LoadStateComponent,
    FormErrorComponent,
    ReasonPipe,
    TranslatePipe,
  ],
  templateUrl: './units-admin-page.component.html',
  styleUrl: './units-admin-page.component.scss',
})
export class UnitsAdminPageComponent {
  private readonly api = inject(UnitsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly kinds = UNIT_KINDS;
  protected readonly serverReasons = serverReasons;
  /** 業務職掌 and 轄區: keyword lists, edited as text and shown as text that wraps (a unit may have fifteen). */
  protected readonly keywordFields = ['duties', 'districts'] as const;
  protected readonly columns = ['code', 'name', 'kind', 'parent', 'categories', ...this.keywordFields, 'status', 'actions'] as const;

  protected readonly units = rxResource({ stream: () => this.api.list() });
  protected readonly sorted = computed(() => (this.units.hasValue() ? [...this.units.value()].sort(byKindThenCode) : []));
  private readonly names = computed(() => new Map(this.sorted().map((unit) => [unit.code, unit.name])));

  protected readonly editing = signal<Editing | null>(null);
  /** A unit cannot be its own parent. */
  protected readonly parentOptions = computed(() => {
    const editing = this.editing();
    const self = editing?.mode === 'edit' ? editing.unit.code : null;
    return this.sorted().filter((unit) => unit.code !== self);
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^[A-Za-z0-9_-]{1,16}$/)]],
    name: ['', [Validators.required, Validators.maxLength(64)]],
    kind: [UnitKind.Section as UnitKind, Validators.required],
    parentCode: [''],
    categories: [''],
    duties: ['', keywordsValidator],
    districts: ['', keywordsValidator],
    active: [true],
  });
  protected readonly saving = signal(false);
  private readonly saveFailure = signal<unknown>(null);
  protected readonly otherReasons = signal<string[]>([]);
  protected readonly saveError = computed(() => (this.saveFailure() ? apiErrorMessage(this.saveFailure(), this.i18n) : ''));

  /** A refused delete (UNIT_IN_USE) is shown above the table, naming the unit. */
  private readonly deleteFailure = signal<{ code: string; error: unknown } | null>(null);
  protected readonly deleteError = computed(() => {
    const failure = this.deleteFailure();
    return failure ? { code: failure.code, message: apiErrorMessage(failure.error, this.i18n) } : null;
  });
  private readonly deleteErrorBox = viewChild<FormErrorComponent>('deleteErrorBox');

  protected parentName(code: string | null): string {
    return code ? (this.names().get(code) ?? code) : '';
  }

  protected startCreate(): void {
    this.open({ mode: 'create' });
  }

  protected startEdit(unit: UnitDto): void {
    this.open({ mode: 'edit', unit });
  }

  protected cancel(): void {
    this.editing.set(null);
  }

  private open(editing: Editing): void {
    const unit = editing.mode === 'edit' ? editing.unit : null;
    this.form.reset({
      code: unit?.code ?? '',
      name: unit?.name ?? '',
      kind: unit?.kind ?? UnitKind.Section,
      parentCode: unit?.parentCode ?? '',
      categories: unit?.categories.join('、') ?? '',
      duties: unit?.duties?.join('、') ?? '',
      districts: unit?.districts?.join('、') ?? '',
      active: unit?.active ?? true,
    });
    if (unit) this.form.controls.code.disable();
    else this.form.controls.code.enable();
    this.saveFailure.set(null);
    this.otherReasons.set([]);
    this.deleteFailure.set(null);
    this.editing.set(editing);
    focusFirstField(this.injector, () => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="unit-form"]') ?? undefined);
  }

  protected save(): void {
    const editing = this.editing();
    if (!editing || this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    const value = this.form.getRawValue();
    const body = {
      name: value.name.trim(),
      kind: value.kind,
      parentCode: value.parentCode || null,
      categories: parseCategories(value.categories),
      duties: parseCategories(value.duties),
      districts: parseCategories(value.districts),
      active: value.active,
    };
    this.saving.set(true);
    this.saveFailure.set(null);
    this.otherReasons.set([]);
    const request =
      editing.mode === 'edit' ? this.api.update(editing.unit.code, body) : this.api.create({ code: value.code.trim(), ...body });
    request.subscribe({
      next: (unit) => {
        this.saving.set(false);
        this.editing.set(null);
        this.snackBar.open(
          this.i18n.t(editing.mode === 'edit' ? 'unitsAdmin.saved' : 'unitsAdmin.created', { name: unit.name }),
          this.i18n.t('common.dismiss'),
          {
            duration: 4000,
          },
        );
        this.units.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveFailure.set(error);
        this.otherReasons.set(applyServerErrors(this.form, apiErrorDetails(error)));
        focusFirstProblem(
          this.injector,
          this.host.nativeElement.querySelector<HTMLElement>('[data-testid="unit-form"]') ?? this.host.nativeElement,
        );
      },
    });
  }

  protected remove(unit: UnitDto): void {
    this.deleteFailure.set(null);
    confirmAction(this.dialog, {
      title: this.i18n.t('unitsAdmin.deleteConfirm.title'),
      message: this.i18n.t('unitsAdmin.deleteConfirm.body', { name: unit.name, code: unit.code }),
      confirmLabel: this.i18n.t('common.delete'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.remove(unit.code)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(this.i18n.t('unitsAdmin.deleted', { name: unit.name }), this.i18n.t('common.dismiss'), { duration: 4000 });
          this.units.reload();
        },
        error: (error: unknown) => {
          this.deleteFailure.set({ code: unit.code, error });
          afterNextRender(() => this.deleteErrorBox()?.focus(), { injector: this.injector });
        },
      });
  }
}
