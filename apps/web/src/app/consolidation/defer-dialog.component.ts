import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Observable } from 'rxjs';
import { TranslatePipe } from '../i18n/t.pipe';

export interface DeferDialogData {
  /** 項次 */
  no: number;
  question: string;
}

/** The server keeps this much of a reason. */
export const DEFER_REASON_MAX = 1000;

/** Asks why a change is deferred to a later cycle; closes with the reason, or nothing on 取消 / Escape. */
@Component({
  selector: 'td-defer-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  template: `
    <form (submit)="confirm($event)" novalidate>
      <h2 mat-dialog-title>{{ 'consolidation.defer.title' | t }}</h2>
      <mat-dialog-content>
        <p class="question">{{ 'consolidation.defer.body' | t: { no: data.no, question: data.question } }}</p>
        <mat-form-field appearance="outline" class="reason">
          <mat-label>{{ 'consolidation.defer.reason' | t }}</mat-label>
          <textarea
            matInput
            rows="3"
            required
            data-testid="defer-reason"
            [attr.maxlength]="max"
            [attr.aria-invalid]="showError()"
            [value]="reason()"
            (input)="onInput($event)"
          ></textarea>
          <mat-hint>{{ 'consolidation.defer.reasonHint' | t }}</mat-hint>
        </mat-form-field>
        @if (showError()) {
          <p class="td-field-error" role="alert" data-testid="defer-reason-error">{{ 'consolidation.defer.reasonRequired' | t }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" data-testid="defer-cancel" [mat-dialog-close]="undefined">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="defer-ok">{{ 'consolidation.defer.confirm' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .question {
      margin-top: 0;
    }
    .reason {
      width: 100%;
    }
    .td-field-error {
      margin-top: 8px;
    }
  `,
})
export class DeferDialogComponent {
  protected readonly data = inject<DeferDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<DeferDialogComponent, string>>(MatDialogRef);

  protected readonly max = DEFER_REASON_MAX;
  protected readonly reason = signal('');
  private readonly tried = signal(false);
  protected readonly showError = computed(() => this.tried() && !this.reason().trim());

  protected onInput(event: Event): void {
    this.reason.set((event.target as HTMLTextAreaElement).value);
  }

  protected confirm(event: Event): void {
    event.preventDefault();
    this.tried.set(true);
    const reason = this.reason().trim();
    if (reason) this.ref.close(reason);
  }
}

/** Emits once: the reason given, or undefined when the user thought better of it. */
export function askDeferReason(dialog: MatDialog, data: DeferDialogData): Observable<string | undefined> {
  return dialog
    .open<DeferDialogComponent, DeferDialogData, string>(DeferDialogComponent, { data, width: '480px', autoFocus: 'first-tabbable' })
    .afterClosed();
}
