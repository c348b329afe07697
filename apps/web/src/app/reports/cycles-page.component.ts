import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { CycleNamePipe } from '../i18n/cycle-name';
import { RocDatePipe } from '../i18n/roc-date.pipe';
import { TranslatePipe } from '../i18n/t.pipe';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { ReportsApi } from './reports.api';

@Component({
  selector: 'td-cycles-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatTableModule,
    RouterLink,
    LoadStateComponent,
    CycleNamePipe,
    RocDatePipe,
    TranslatePipe,
  ],
  templateUrl: './cycles-page.component.html',
  styleUrl: './cycles-page.component.scss',
})
export class CyclesPageComponent {
  private readonly api = inject(ReportsApi);

  protected readonly columns = ['label', 'dueDate', 'announced', 'clusters', 'misses', 'triage', 'recurring'] as const;
  protected readonly cycles = rxResource({ stream: () => this.api.cycles() });
}
