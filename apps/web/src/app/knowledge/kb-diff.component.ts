import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { KbDiffDto, KbFieldDiff } from '@tunedesk/contracts';
import { TranslatePipe } from '../i18n/t.pipe';
import { KB_FIELD_LABEL } from './kb-labels';

type Segment = KbFieldDiff['segments'][number];

/** The left column: what was there, deletions marked. */
export function beforeSegments(field: KbFieldDiff): Segment[] {
  if (!field.segments.length) return field.before ? [{ op: field.changed ? 'delete' : 'equal', text: field.before }] : [];
  return field.segments.filter((segment) => segment.op !== 'insert');
}

/** The right column: what is there now, insertions marked. */
export function afterSegments(field: KbFieldDiff): Segment[] {
  if (!field.segments.length) return field.after ? [{ op: field.changed ? 'insert' : 'equal', text: field.after }] : [];
  return field.segments.filter((segment) => segment.op !== 'delete');
}

/** Two versions side by side, field by field; unchanged fields only on request. */
@Component({
  selector: 'td-kb-diff',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    @let d = diff();
    <div class="diff-bar">
      <p class="legend td-muted">
        <del class="diff-del">{{ 'kb.diff.deleted' | t }}</del>
        <ins class="diff-ins">{{ 'kb.diff.inserted' | t }}</ins>
      </p>
      @if (unchangedCount() > 0) {
        <button
          mat-button
          type="button"
          data-testid="kb-diff-unchanged"
          [attr.aria-pressed]="showUnchanged()"
          (click)="showUnchanged.set(!showUnchanged())"
        >
          <mat-icon aria-hidden="true">{{ showUnchanged() ? 'visibility_off' : 'visibility' }}</mat-icon>
          {{ (showUnchanged() ? 'kb.diff.hideUnchanged' : 'kb.diff.showUnchanged') | t: { count: unchangedCount() } }}
        </button>
      }
    </div>
    @if (!changedCount()) {
      <p class="td-muted same" data-testid="kb-diff-same">{{ 'kb.diff.same' | t }}</p>
    }
    @if (fields().length) {
      <div class="td-table-wrap">
        <table class="diff-table">
          <caption class="visually-hidden">
            {{
              'kb.diff.caption' | t: { from: d.from, to: d.to }
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="diff-field">{{ 'kb.diff.field' | t }}</th>
              <th scope="col">{{ 'kb.diff.version' | t: { version: d.from } }}</th>
              <th scope="col">{{ 'kb.diff.version' | t: { version: d.to } }}</th>
            </tr>
          </thead>
          <tbody>
            @for (field of fields(); track field.field) {
              <tr [attr.data-field]="field.field" [class.unchanged]="!field.changed">
                <th scope="row" class="diff-field">
                  {{ fieldLabel[field.field] | t }}
                  @if (!field.changed) {
                    <span class="td-muted unchanged-note">{{ 'kb.diff.unchanged' | t }}</span>
                  }
                </th>
                <td class="diff-before" data-side="before">
                  @for (segment of before(field); track $index) {
                    @if (segment.op === 'delete') {
                      <del class="diff-del">{{ segment.text }}</del>
                    } @else {
                      <span>{{ segment.text }}</span>
                    }
                  }
                </td>
                <td class="diff-after" data-side="after">
                  @for (segment of after(field); track $index) {
                    @if (segment.op === 'insert') {
                      <ins class="diff-ins">{{ segment.text }}</ins>
                    } @else {
                      <span>{{ segment.text }}</span>
                    }
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .diff-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .legend {
      display: flex;
      gap: 12px;
      margin: 0;
      font-size: 13px;
    }
    .same {
      margin: 8px 0;
    }
    .diff-table {
      width: 100%;
      min-width: 640px;
      border-collapse: collapse;
      table-layout: fixed;
      font-size: 14px;
    }
    .diff-table th,
    .diff-table td {
      padding: 8px 10px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: left;
      vertical-align: top;
    }
    .diff-table thead th {
      background: var(--mat-sys-surface-container);
      font-weight: 600;
    }
    .diff-field {
      width: 120px;
      font-weight: 600;
    }
    .diff-before,
    .diff-after {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .unchanged td {
      color: var(--mat-sys-on-surface-variant);
    }
    .unchanged-note {
      display: block;
      font-size: 12px;
      font-weight: 400;
    }
    .diff-del {
      background: #ffd7d5;
      color: #82071e;
      text-decoration: line-through;
    }
    .diff-ins {
      background: #ccf2d4;
      color: #055d20;
      text-decoration: none;
    }
  `,
})
export class KbDiffComponent {
  readonly diff = input.required<KbDiffDto>();

  protected readonly fieldLabel = KB_FIELD_LABEL;
  protected readonly showUnchanged = signal(false);
  protected readonly before = beforeSegments;
  protected readonly after = afterSegments;

  protected readonly changedCount = computed(() => this.diff().fields.filter((field) => field.changed).length);
  protected readonly unchangedCount = computed(() => this.diff().fields.length - this.changedCount());
  protected readonly fields = computed(() => this.diff().fields.filter((field) => field.changed || this.showUnchanged()));
}
