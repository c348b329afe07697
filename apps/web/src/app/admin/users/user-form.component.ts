import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, effect, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ROLES, type Role, type UnitDto, type UserDto } from '@tunedesk/contracts';
import { I18nService } from '../../i18n/i18n.service';
import { ReasonPipe } from '../../i18n/reason.pipe';
import { TranslatePipe } from '../../i18n/t.pipe';
import { apiErrorDetails, apiErrorMessage } from '../../shared/api-error';
import { FormErrorComponent } from '../../shared/form-error/form-error.component';
import { applyServerErrors, focusFirstField, focusFirstProblem, serverReasons } from '../../shared/form-errors';
import { type CreatedUser, UsersApi } from './users.api';

function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

/** Create (user is null) or edit one user; the account cannot change once created. */
@Component({
  selector: 'td-user-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    FormErrorComponent,
    ReasonPipe,
    TranslatePipe,
  ],
  templateUrl: './user-form.component.html',
  styles: `
    :host {
      display: block;
      margin-bottom: 24px;
    }
    .form-title {
      margin: 0;
      font-size: 18px;
    }
    form {
      padding-top: 12px;
    }
    .roles {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
  `,
})
export class UserFormComponent {
  private readonly api = inject(UsersApi);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** null: a new user. */
  readonly user = input<UserDto | null>(null);
  readonly units = input.required<readonly UnitDto[]>();
  readonly created = output<CreatedUser>();
  readonly saved = output<UserDto>();
  readonly cancelled = output<void>();

  protected readonly roles = ROLES;
  protected readonly serverReasons = serverReasons;
  protected readonly isNew = computed(() => this.user() === null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    account: ['', [Validators.required, Validators.maxLength(64)]],
    displayName: ['', [Validators.required, Validators.maxLength(64)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    extension: ['', Validators.maxLength(16)],
    unitCode: ['', Validators.required],
    roles: [[] as Role[]],
    active: [true],
  });

  protected readonly pending = signal(false);
  private readonly failure = signal<unknown>(null);
  protected readonly otherReasons = signal<string[]>([]);
  protected readonly errorMessage = computed(() => (this.failure() ? apiErrorMessage(this.failure(), this.i18n) : ''));
  /** Signal copy of the roles control, so the checkboxes re-render under OnPush. */
  protected readonly selectedRoles = signal<readonly Role[]>([]);

  constructor() {
    effect(() => {
      const user = this.user();
      this.form.reset({
        account: user?.account ?? '',
        displayName: user?.displayName ?? '',
        email: user?.email ?? '',
        extension: user?.extension ?? '',
        unitCode: user?.unitCode ?? '',
        roles: user ? [...user.roles] : [],
        active: user?.active ?? true,
      });
      if (user) this.form.controls.account.disable();
      else this.form.controls.account.enable();
      this.selectedRoles.set(this.form.controls.roles.value);
      this.failure.set(null);
      this.otherReasons.set([]);
      focusFirstField(this.injector, () => this.host.nativeElement.querySelector('form') ?? undefined);
    });
  }

  protected toggleRole(role: Role, checked: boolean): void {
    const current = this.form.controls.roles.value;
    const next = checked ? ROLES.filter((r) => r === role || current.includes(r)) : current.filter((r) => r !== role);
    this.form.controls.roles.setValue(next);
    this.form.controls.roles.markAsDirty();
    this.selectedRoles.set(next);
  }

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstProblem(this.injector, this.host.nativeElement);
      return;
    }
    const value = this.form.getRawValue();
    const common = {
      displayName: value.displayName.trim(),
      email: orNull(value.email),
      extension: orNull(value.extension),
      unitCode: value.unitCode,
      roles: value.roles,
    };
    this.failure.set(null);
    this.otherReasons.set([]);
    this.pending.set(true);
    const user = this.user();
    const done = {
      error: (error: unknown) => {
        this.pending.set(false);
        this.failure.set(error);
        this.otherReasons.set(applyServerErrors(this.form, apiErrorDetails(error)));
        focusFirstProblem(this.injector, this.host.nativeElement);
      },
    };
    if (user) {
      this.api.update(user.id, { ...common, active: value.active }).subscribe({
        ...done,
        next: (saved) => {
          this.pending.set(false);
          this.saved.emit(saved);
        },
      });
    } else {
      this.api.create({ account: value.account.trim(), ...common }).subscribe({
        ...done,
        next: (created) => {
          this.pending.set(false);
          this.created.emit(created);
        },
      });
    }
  }
}
