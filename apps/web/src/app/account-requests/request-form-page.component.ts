import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { AccountRequestKind, AccountRequestReason, ROLES, type Role } from '@tunedesk/contracts';
import { toIsoDate, taipeiDateOf } from '@tunedesk/domain/dates';
import { merge, of } from 'rxjs';
import { UsersApi } from '../admin/users/users.api';
import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { ReasonPipe, localizeReason } from '../i18n/reason.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { UnitsApi } from '../org/units.api';
import { apiErrorDetails, apiErrorMessage } from '../shared/api-error';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { RocDateInputComponent } from '../shared/roc-date/roc-date-input.component';
import { applyServerErrors, focusFirstProblem, serverReasons } from '../shared/form-errors';
import { AccountRequestsApi } from './account-requests.api';
import { REQUEST_KINDS, REQUEST_REASONS } from './request-labels';

function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

function kindOf(control: AbstractControl): AccountRequestKind | undefined {
  return control.parent?.get('kind')?.value as AccountRequestKind | undefined;
}

/** New accounts and role changes ask for at least one role; disabling asks for none. */
function rolesUnlessDisabling(control: AbstractControl): ValidationErrors | null {
  const kind = kindOf(control);
  return kind && kind !== AccountRequestKind.Disable && (control.value as Role[]).length === 0 ? { required: true } : null;
}

@Component({
  selector: 'td-request-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    RouterLink,
    FormErrorComponent,
    RocDateInputComponent,
    RocDatePipe,
    ReasonPipe,
    TranslatePipe,
  ],
  templateUrl: './request-form-page.component.html',
  styleUrl: './request-form-page.component.scss',
})
export class RequestFormPageComponent {
  private readonly api = inject(AccountRequestsApi);
  private readonly usersApi = inject(UsersApi);
  private readonly unitsApi = inject(UnitsApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly kinds = REQUEST_KINDS;
  protected readonly reasons = REQUEST_REASONS;
  protected readonly roles = ROLES;
  protected readonly Kind = AccountRequestKind;
  protected readonly serverReasons = serverReasons;

  protected readonly form = inject(NonNullableFormBuilder).group({
    kind: [AccountRequestKind.Create as AccountRequestKind],
    unitCode: [this.auth.me()?.unitCode ?? '', Validators.required],
    account: ['', [Validators.required, Validators.maxLength(64)]],
    displayName: ['', Validators.maxLength(64)],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    extension: ['', Validators.maxLength(16)],
    requestedRoles: [[] as Role[], rolesUnlessDisabling],
    reason: [AccountRequestReason.Joined as AccountRequestReason],
    reasonNote: ['', Validators.maxLength(255)],
    effectiveDate: [toIsoDate(taipeiDateOf(new Date())), Validators.required],
  });

  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: this.form.controls.kind.value });
  protected readonly unit = toSignal(this.form.controls.unitCode.valueChanges, { initialValue: this.form.controls.unitCode.value });
  protected readonly reason = toSignal(this.form.controls.reason.valueChanges, { initialValue: this.form.controls.reason.value });
  protected readonly effectiveDate = toSignal(this.form.controls.effectiveDate.valueChanges, {
    initialValue: this.form.controls.effectiveDate.value,
  });
  /** Required and the server's reasons, for the ROC date field (it shows its own parse problem). */
  protected effectiveDateErrors(): string[] {
    const control = this.form.controls.effectiveDate;
    const required =
      control.hasError('required') && control.touched && !control.hasError('rocDate') ? [this.i18n.t('common.required')] : [];
    return [...required, ...serverReasons(control.errors).map((reason) => localizeReason(reason, this.i18n.lang()))];
  }

  /** Signal copy of the roles control, so the checkboxes re-render under OnPush. */
  protected readonly selectedRoles = signal<readonly Role[]>([]);

  protected readonly units = rxResource({ stream: () => this.unitsApi.list() });
  protected readonly unitOptions = computed(() =>
    this.units.hasValue()
      ? this.units
          .value()
          .filter((unit) => unit.active)
          .sort((a, b) => a.code.localeCompare(b.code))
      : [],
  );

  /** For a change or a disable the account is picked from the unit's users, when the user may list them. */
  protected readonly pickExisting = computed(() => this.kind() !== AccountRequestKind.Create);
  protected readonly unitUsers = rxResource({
    params: () => (this.pickExisting() && this.unit() ? this.unit() : undefined),
    stream: ({ params }) => this.usersApi.list({ unit: params }, { quiet: true }),
  });
  /** When the list cannot be had (no right to read users), the account is typed instead. */
  protected readonly typeAccount = computed(() => !this.pickExisting() || !!this.unitUsers.error());

  protected readonly pending = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly otherReasons = signal<string[]>([]);
  protected readonly errorMessage = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));

  constructor() {
    const controls = this.form.controls;
    // A new account needs a name, and 其他 its explanation: required only then (and marked * only then).
    merge(controls.kind.valueChanges, of(null))
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        const creating = controls.kind.value === AccountRequestKind.Create;
        controls.displayName.setValidators(creating ? [Validators.required, Validators.maxLength(64)] : Validators.maxLength(64));
        controls.displayName.updateValueAndValidity({ emitEvent: false });
        controls.requestedRoles.updateValueAndValidity({ emitEvent: false });
      });
    merge(controls.reason.valueChanges, of(null))
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        const other = controls.reason.value === AccountRequestReason.Other;
        controls.reasonNote.setValidators(other ? [Validators.required, Validators.maxLength(255)] : Validators.maxLength(255));
        controls.reasonNote.updateValueAndValidity({ emitEvent: false });
      });
    controls.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => controls.account.setValue(''));
    controls.unitCode.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.pickExisting()) controls.account.setValue('');
    });
    // Without the user list (a knowledge contact asking for themselves), start from the user's own account.
    effect(() => {
      if (this.pickExisting() && this.unitUsers.error() && !untracked(() => controls.account.value)) {
        controls.account.setValue(this.auth.me()?.account ?? '');
      }
    });
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('mat-radio-button input')?.focus());
  }

  /** Picking a user for a role change starts from the roles they hold. */
  protected onUserPicked(account: string): void {
    if (this.kind() !== AccountRequestKind.ChangeRoles || !this.unitUsers.hasValue()) return;
    const user = this.unitUsers.value().find((candidate) => candidate.account === account);
    if (user) this.setRoles(ROLES.filter((role) => user.roles.includes(role)));
  }

  protected toggleRole(role: Role, checked: boolean): void {
    const current = this.form.controls.requestedRoles.value;
    this.setRoles(checked ? ROLES.filter((r) => r === role || current.includes(r)) : current.filter((r) => r !== role));
    this.form.controls.requestedRoles.markAsTouched();
  }

  private setRoles(roles: Role[]): void {
    this.form.controls.requestedRoles.setValue(roles);
    this.selectedRoles.set(roles);
  }

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    const value = this.form.getRawValue();
    const creating = value.kind === AccountRequestKind.Create;
    this.failure.set(null);
    this.otherReasons.set([]);
    this.pending.set(true);
    this.api
      .create({
        kind: value.kind,
        account: value.account.trim(),
        ...(creating ? { displayName: value.displayName.trim(), email: orNull(value.email), extension: orNull(value.extension) } : {}),
        unitCode: value.unitCode,
        requestedRoles: value.kind === AccountRequestKind.Disable ? [] : value.requestedRoles,
        reason: value.reason,
        reasonNote: orNull(value.reasonNote),
        effectiveDate: value.effectiveDate,
      })
      .subscribe({
        next: (created) => {
          this.pending.set(false);
          this.snackBar.open(this.i18n.t('requests.created', { id: created.id }), this.i18n.t('common.dismiss'), { duration: 5000 });
          void this.router.navigate(['/account-requests', created.id]);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.failure.set(error);
          this.otherReasons.set(applyServerErrors(this.form, apiErrorDetails(error)));
          focusFirstProblem(this.injector, this.host.nativeElement);
        },
      });
  }
}
