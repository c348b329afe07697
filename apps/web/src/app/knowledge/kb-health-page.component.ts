import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { KbApi } from './kb.api';

/** 題庫健檢: what in the bank needs a look, in four lists. */
@Component({
  selector: 'td-kb-health-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatIconModule, RouterLink, LoadStateComponent, RocDatePipe, TranslatePipe],
  templateUrl: './kb-health-page.component.html',
  styleUrl: './kb-health-page.component.scss',
})
export class KbHealthPageComponent {
  private readonly api = inject(KbApi);

  protected readonly health = rxResource({ stream: () => this.api.health() });

  protected percent(score: number): number {
    return Math.round(Math.min(1, Math.max(0, score)) * 100);
  }
}
