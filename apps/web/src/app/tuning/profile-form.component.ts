import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { ImportProfileDto, ImportProfileInput, ProfileAliases, ReportFieldDto, ReportKind } from '@tunedesk/contracts';
import { I18nService } from '../i18n/i18n.service';
import { ReasonPipe } from '../i18n/reason.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { focusFirstField, focusFirstProblem, serverReasons } from '../shared/form-errors';
import { TuningApi } from './tuning.api';
import { formatList, normaliseText, parseList, showServerErrors } from './tuning-text';

/** The two report formats, in the order the import page names them. */
export const REPORT_FORMATS: readonly ReportKind[] = ['log', 'summary'];

/** An alias that is already the header of another field of the format: the import could not tell the columns apart. */
export type AliasConflict = {
  alias: string;
  /** The other field's Chinese header */
  label: string;
};

/** The names a field is known by without a profile: its header, its own name and its built-in aliases. */
function builtInNames(field: ReportFieldDto): string[] {
  return [field.label, field.field, ...field.builtInAliases];
}

/** Aliases typed for `field` that are a built-in name of another field of the same format. */
export function builtInConflicts(aliases: readonly string[], field: ReportFieldDto, fields: readonly ReportFieldDto[]): AliasConflict[] {
  const others = fields.filter((other) => other.format === field.format && other.field !== field.field);
  const conflicts: AliasConflict[] = [];
  for (const alias of aliases) {
    const key = normaliseText(alias);
    const owner = others.find((other) => builtInNames(other).some((name) => normaliseText(name) === key));
    if (owner) conflicts.push({ alias, label: owner.label });
  }
  return conflicts;
}

function builtInValidator(field: ReportFieldDto, fields: readonly ReportFieldDto[]): ValidatorFn {
  return (control: AbstractControl) => {
    const conflicts = builtInConflicts(parseList(String(control.value ?? '')), field, fields);
    return conflicts.length ? { builtIn: conflicts } : null;
  };
}

function uniqueNameValidator(taken: () => readonly string[]): ValidatorFn {
  return (control: AbstractControl) => {
    const name = normaliseText(String(control.value ?? ''));
    return name && taken().some((other) => normaliseText(other) === name) ? { taken: true } : null;
  };
}

type AliasGroup = FormGroup<Record<string, FormControl<string>>>;

function buildForm(
  profile: ImportProfileDto | null,
  fields: readonly ReportFieldDto[],
  takenNames: () => readonly string[],
): FormGroup<{
  name: FormControl<string>;
  note: FormControl<string>;
  aliases: FormGroup<Record<ReportKind, AliasGroup>>;
}> {
  const group = (format: ReportKind): AliasGroup => {
    const controls: Record<string, FormControl<string>> = {};
    for (const field of fields.filter((candidate) => candidate.format === format)) {
      controls[field.field] = new FormControl(formatList(profile?.aliases[format]?.[field.field] ?? []), {
        nonNullable: true,
        validators: builtInValidator(field, fields),
      });
    }
    return new FormGroup(controls);
  };
  return new FormGroup({
    name: new FormControl(profile?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(64), uniqueNameValidator(takenNames)],
    }),
    note: new FormControl(profile?.note ?? '', { nonNullable: true, validators: Validators.maxLength(500) }),
    aliases: new FormGroup({ log: group('log'), summary: group('summary') }),
  });
}

/** Create (profile is null), edit or, for readers, view one import profile. */
@Component({
  selector: 'td-profile-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    FormErrorComponent,
    ReasonPipe,
    TranslatePipe,
  ],
  templateUrl: './profile-form.component.html',
  styleUrl: './profile-form.component.scss',
})
export class ProfileFormComponent {
  private readonly api = inject(TuningApi);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** null: a new profile. */
  readonly profile = input<ImportProfileDto | null>(null);
  readonly fields = input.required<readonly ReportFieldDto[]>();
  /** The other profiles' names: a name is unique. */
  readonly otherNames = input<readonly string[]>([]);
  readonly canEdit = input(false);
  readonly saved = output<{ profile: ImportProfileDto; created: boolean }>();
  readonly cancelled = output<void>();

  protected readonly formats = REPORT_FORMATS;
  protected readonly serverReasons = serverReasons;

  /** A new form when the profile, the fields or the right to edit change; not when the other names do (the validator reads them). */
  protected readonly form = computed(() => {
    const [profile, fields, canEdit] = [this.profile(), this.fields(), this.canEdit()];
    return untracked(() => {
      const form = buildForm(profile, fields, () => this.otherNames());
      if (!canEdit) form.disable();
      return form;
    });
  });
  protected readonly fieldsByFormat = computed(() => {
    const fields = this.fields();
    return Object.fromEntries(REPORT_FORMATS.map((format) => [format, fields.filter((field) => field.format === format)])) as Record<
      ReportKind,
      ReportFieldDto[]
    >;
  });

  protected readonly pending = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly otherReasons = signal<string[]>([]);
  protected readonly errorMessage = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));

  constructor() {
    effect(() => {
      this.form();
      this.failure.set(null);
      this.otherReasons.set([]);
      if (this.canEdit()) focusFirstField(this.injector, () => this.host.nativeElement.querySelector('form') ?? undefined);
    });
  }

  protected aliasControl(format: ReportKind, field: string): FormControl<string> {
    return this.form().controls.aliases.controls[format].controls[field];
  }

  /** Aliases that are another field's built-in name (`builtIn`) or typed on an earlier field too (`repeated`). */
  protected conflictsOf(control: AbstractControl, kind: 'builtIn' | 'repeated'): AliasConflict[] {
    const conflicts: unknown = control.errors?.[kind];
    return Array.isArray(conflicts) ? (conflicts as AliasConflict[]) : [];
  }

  protected cancel(): void {
    this.cancelled.emit();
  }

  protected submit(): void {
    const form = this.form();
    if (this.pending() || !this.canEdit()) return;
    this.markRepeats();
    if (form.invalid) {
      form.markAllAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    const value = form.getRawValue();
    const aliases: ProfileAliases = {};
    for (const format of REPORT_FORMATS) {
      const entries = Object.entries(value.aliases[format])
        .map(([field, text]) => [field, parseList(text)] as const)
        .filter(([, list]) => list.length > 0);
      if (entries.length) aliases[format] = Object.fromEntries(entries);
    }
    const body: ImportProfileInput = { name: value.name.trim(), note: value.note.trim() || null, aliases };
    const profile = this.profile();
    this.failure.set(null);
    this.otherReasons.set([]);
    this.pending.set(true);
    const request = profile ? this.api.updateProfile(profile.id, body) : this.api.createProfile(body);
    request.subscribe({
      next: (saved) => {
        this.pending.set(false);
        this.saved.emit({ profile: saved, created: !profile });
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.failure.set(error);
        this.otherReasons.set(showServerErrors(form, error));
        focusFirstProblem(this.injector, this.host.nativeElement);
      },
    });
  }

  /** The same alias on two fields of one format: the later field is marked, naming the earlier. */
  private markRepeats(): void {
    for (const format of REPORT_FORMATS) {
      const seen = new Map<string, string>();
      for (const field of this.fieldsByFormat()[format]) {
        const control = this.aliasControl(format, field.field);
        const repeated: AliasConflict[] = [];
        for (const alias of parseList(control.value)) {
          const key = normaliseText(alias);
          const earlier = seen.get(key);
          if (earlier) repeated.push({ alias, label: earlier });
          else seen.set(key, field.label);
        }
        if (repeated.length) control.setErrors({ ...control.errors, repeated });
      }
    }
  }
}
