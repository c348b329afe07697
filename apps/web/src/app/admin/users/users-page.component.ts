import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { ALL_UNIT_ROLES, type InitialPasswordDto, type UnitDto, type UserDto } from '@tunedesk/contracts';
import { filter, switchMap } from 'rxjs';
import { AuthService } from '../../auth/auth.service';
import { ADMIN_ROLES } from '../../auth/roles';
import { I18nService } from '../../i18n/i18n.service';
import { RocDatePipe } from '../../i18n/roc-date.pipe';
import { TranslatePipe } from '../../i18n/t.pipe';
import { UnitsApi } from '../../org/units.api';
import { ClockService } from '../../shared/clock.service';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog.component';
import { InitialPasswordComponent } from '../../shared/initial-password/initial-password.component';
import { LoadStateComponent } from '../../shared/load-state/load-state.component';
import { UserFormComponent } from './user-form.component';
import { type CreatedUser, type UserQuery, UsersApi } from './users.api';

export type UserState = 'active' | 'inactive' | 'locked';

export function userState(user: UserDto, now: Date): UserState {
  if (!user.active) return 'inactive';
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now.getTime()) return 'locked';
  return 'active';
}

const STATE_BADGE: Record<UserState, string> = { active: 'td-badge--ok', inactive: 'td-badge--muted', locked: 'td-badge--error' };

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserDto };

@Component({
  selector: 'td-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    InitialPasswordComponent,
    LoadStateComponent,
    RocDatePipe,
    TranslatePipe,
    UserFormComponent,
  ],
  templateUrl: './users-page.component.html',
  styleUrl: './users-page.component.scss',
})
export class UsersPageComponent {
  private readonly api = inject(UsersApi);
  private readonly unitsApi = inject(UnitsApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);
  private readonly now = inject(ClockService).now;

  protected readonly stateBadge = STATE_BADGE;
  /** Writes are the system administrator's; everyone else who may open the page reads. */
  protected readonly canWrite = computed(() => this.auth.me() !== null && this.auth.hasRole(...ADMIN_ROLES));
  protected readonly columns = computed(() => {
    const base = ['account', 'displayName', 'unit', 'roles', 'status', 'lastLoginAt', 'passwordChangedAt'];
    return this.canWrite() ? [...base, 'actions'] : base;
  });

  /** A unit head without a bureau-wide role reads only their own unit's people. */
  private readonly ownUnit = this.auth.hasRole(...ALL_UNIT_ROLES) ? '' : (this.auth.me()?.unitCode ?? '');

  /** Typed in the filter form; applied on submit or when the unit changes. */
  protected unitFilter = this.ownUnit;
  protected textFilter = '';
  private readonly query = signal<UserQuery>(this.ownUnit ? { unit: this.ownUnit } : {});

  protected readonly units = rxResource({ stream: () => this.unitsApi.list() });
  protected readonly users = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });

  private readonly unitNames = computed(() => new Map((this.units.hasValue() ? this.units.value() : []).map((u) => [u.code, u.name])));
  protected readonly unitOptions = computed<UnitDto[]>(() =>
    this.units.hasValue()
      ? [...this.units.value()].filter((unit) => !this.ownUnit || unit.code === this.ownUnit).sort((a, b) => a.code.localeCompare(b.code))
      : [],
  );
  protected readonly allUnitsAllowed = !this.ownUnit;

  protected readonly editing = signal<Editing | null>(null);
  protected readonly issued = signal<InitialPasswordDto | null>(null);
  protected readonly busy = signal<number | null>(null);

  protected unitName(code: string): string {
    return this.unitNames().get(code) ?? code;
  }

  protected stateOf(user: UserDto): UserState {
    return userState(user, this.now());
  }

  protected applyFilter(): void {
    this.query.set({ unit: this.unitFilter || undefined, q: this.textFilter.trim() || undefined });
  }

  protected clearFilter(): void {
    this.unitFilter = this.ownUnit;
    this.textFilter = '';
    this.applyFilter();
  }

  protected startCreate(): void {
    this.issued.set(null);
    this.editing.set({ mode: 'create' });
  }

  protected startEdit(user: UserDto): void {
    this.editing.set({ mode: 'edit', user });
  }

  protected cancelEdit(): void {
    this.editing.set(null);
  }

  protected closeIssued(): void {
    this.issued.set(null);
  }

  protected onCreated(created: CreatedUser): void {
    this.editing.set(null);
    this.issued.set({ account: created.account, initialPassword: created.initialPassword });
    this.users.reload();
  }

  protected onSaved(user: UserDto): void {
    this.editing.set(null);
    this.snackBar.open(this.i18n.t('users.saved', { account: user.account }), this.i18n.t('common.dismiss'), { duration: 4000 });
    this.users.reload();
  }

  protected resetPassword(user: UserDto): void {
    confirmAction(this.dialog, {
      title: this.i18n.t('users.resetConfirm.title'),
      message: this.i18n.t('users.resetConfirm.body', { account: user.account }),
      confirmLabel: this.i18n.t('users.resetPassword'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(user.id);
          return this.api.resetPassword(user.id);
        }),
      )
      .subscribe({
        next: (issued) => {
          this.busy.set(null);
          this.editing.set(null);
          this.issued.set(issued);
          this.users.reload();
        },
        error: () => this.busy.set(null),
      });
  }

  protected unlock(user: UserDto): void {
    this.busy.set(user.id);
    this.api.unlock(user.id).subscribe({
      next: () => {
        this.busy.set(null);
        this.snackBar.open(this.i18n.t('users.unlocked', { account: user.account }), this.i18n.t('common.dismiss'), { duration: 4000 });
        this.users.reload();
      },
      error: () => this.busy.set(null),
    });
  }
}
