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
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { type RoutingRuleDto, type RoutingRuleInput, UNIT_KINDS, type UnitDto } from '@tunedesk/contracts';
import { filter, switchMap } from 'rxjs';
import { I18nService } from '../i18n/i18n.service';
import { ReasonPipe } from '../i18n/reason.pipe';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { UnitsApi } from '../org/units.api';
import { apiErrorMessage } from '../shared/api-error';
import { confirmAction } from '../shared/confirm-dialog/confirm-dialog.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { focusFirstField, focusFirstProblem, serverReasons } from '../shared/form-errors';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { RoutingTestComponent } from './routing-test.component';
import { TuningApi } from './tuning.api';
import { normaliseText, showServerErrors } from './tuning-text';

type Editing = { mode: 'create' } | { mode: 'edit'; rule: RoutingRuleDto };

function byKindThenCode(a: UnitDto, b: UnitDto): number {
  return UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind) || a.code.localeCompare(b.code);
}

/** 關鍵字分派規則: a keyword in a question no item matched sends it to a unit. */
@Component({
  selector: 'td-routing-rules-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    FormErrorComponent,
    LoadStateComponent,
    ReasonPipe,
    RocDatePipe,
    RoutingTestComponent,
    TranslatePipe,
  ],
  templateUrl: './routing-rules-tab.component.html',
  styleUrl: './tuning-tab.scss',
})
export class RoutingRulesTabComponent {
  private readonly api = inject(TuningApi);
  private readonly unitsApi = inject(UnitsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly canEdit = input(false);

  protected readonly serverReasons = serverReasons;
  protected readonly columns = computed(() => {
    const base = ['keyword', 'unit', 'overrides', 'note', 'updated'];
    return this.canEdit() ? [...base, 'actions'] : base;
  });

  protected readonly rules = rxResource({ stream: () => this.api.rules() });
  private readonly all = computed(() => (this.rules.hasValue() ? this.rules.value() : []));
  /** Only an editor picks a unit. */
  protected readonly units = rxResource({ params: () => this.canEdit() || undefined, stream: () => this.unitsApi.list() });

  protected readonly editing = signal<Editing | null>(null);
  private readonly editingRule = computed(() => {
    const editing = this.editing();
    return editing?.mode === 'edit' ? editing.rule : null;
  });
  /** Active units; the rule's own unit stays selectable if it has since been closed. */
  protected readonly unitOptions = computed(() => {
    const units = this.units.hasValue() ? this.units.value() : [];
    const current = this.editingRule()?.unitCode;
    return units.filter((unit) => unit.active || unit.code === current).sort(byKindThenCode);
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    keyword: ['', [Validators.required, Validators.maxLength(64), this.keywordValidator()]],
    unitCode: ['', Validators.required],
    overridesTaxNames: [false],
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

  protected startCreate(): void {
    this.open({ mode: 'create' });
  }

  protected startEdit(rule: RoutingRuleDto): void {
    this.open({ mode: 'edit', rule });
  }

  protected cancel(): void {
    this.editing.set(null);
  }

  private open(editing: Editing): void {
    const rule = editing.mode === 'edit' ? editing.rule : null;
    this.editing.set(editing);
    this.form.reset({
      keyword: rule?.keyword ?? '',
      unitCode: rule?.unitCode ?? '',
      overridesTaxNames: rule?.overridesTaxNames ?? false,
      note: rule?.note ?? '',
    });
    this.saveFailure.set(null);
    this.otherReasons.set([]);
    this.deleteFailure.set(null);
    focusFirstField(this.injector, () => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="rule-form"]') ?? undefined);
  }

  protected save(): void {
    const editing = this.editing();
    if (!editing || this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.formElement());
      return;
    }
    const value = this.form.getRawValue();
    const body: RoutingRuleInput = {
      keyword: value.keyword.trim(),
      unitCode: value.unitCode,
      overridesTaxNames: value.overridesTaxNames,
      note: value.note.trim() || null,
    };
    this.saving.set(true);
    this.saveFailure.set(null);
    this.otherReasons.set([]);
    const request = editing.mode === 'edit' ? this.api.updateRule(editing.rule.id, body) : this.api.createRule(body);
    request.subscribe({
      next: (rule) => {
        this.saving.set(false);
        this.editing.set(null);
        this.snackBar.open(
          this.i18n.t(editing.mode === 'edit' ? 'tuning.rules.saved' : 'tuning.rules.created', { keyword: rule.keyword }),
          this.i18n.t('common.dismiss'),
          { duration: 4000 },
        );
        this.rules.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveFailure.set(error);
        this.otherReasons.set(showServerErrors(this.form, error));
        focusFirstProblem(this.injector, this.formElement());
      },
    });
  }

  protected remove(rule: RoutingRuleDto): void {
    this.deleteFailure.set(null);
    confirmAction(this.dialog, {
      title: this.i18n.t('tuning.rules.deleteConfirm.title'),
      message: this.i18n.t('tuning.rules.deleteConfirm.body', { keyword: rule.keyword, unit: rule.unitName ?? rule.unitCode }),
      confirmLabel: this.i18n.t('common.delete'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.removeRule(rule.id)),
      )
      .subscribe({
        next: () => {
          if (this.editingRule()?.id === rule.id) this.editing.set(null);
          this.snackBar.open(this.i18n.t('tuning.rules.deleted', { keyword: rule.keyword }), this.i18n.t('common.dismiss'), {
            duration: 4000,
          });
          this.rules.reload();
        },
        error: (error: unknown) => {
          this.deleteFailure.set({ id: rule.id, name: rule.keyword, error });
          afterNextRender(() => this.deleteErrorBox()?.focus(), { injector: this.injector });
        },
      });
  }

  private formElement(): HTMLElement {
    return this.host.nativeElement.querySelector<HTMLElement>('[data-testid="rule-form"]') ?? this.host.nativeElement;
  }

  /** A keyword has one rule. */
  private keywordValidator(): ValidatorFn {
    return (control: AbstractControl) => {
      const keyword = normaliseText(String(control.value ?? ''));
      if (!keyword) return null;
      const self = this.editingRule()?.id;
      return this.all().some((rule) => rule.id !== self && normaliseText(rule.keyword) === keyword) ? { keywordTaken: true } : null;
    };
  }
}
