import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { TranslatePipe } from '../i18n/t.pipe';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { HomeApi } from './home.api';
import { HomeToSignComponent } from './to-sign.component';

/** /approvals, the unit head's 待核章 menu entry: the same list as on the home page, on a page of its own. */
@Component({
  selector: 'td-to-sign-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, LoadStateComponent, TranslatePipe, HomeToSignComponent],
  template: `
    <header class="td-page-header">
      <h1 class="td-page-title">{{ 'home.toSign.title' | t }}</h1>
      <p class="td-page-intro">{{ 'home.toSign.intro' | t }}</p>
    </header>
    @if (home.hasValue()) {
      @let head = home.value().unitHead;
      <mat-card appearance="outlined" data-testid="to-sign-page">
        <mat-card-content>
          @if (head) {
            <td-home-to-sign [toSign]="head" />
          } @else {
            <p>{{ 'home.head.noLists' | t }}</p>
          }
        </mat-card-content>
      </mat-card>
    } @else {
      <td-load-state [loading]="home.isLoading()" [error]="home.error()" (retry)="home.reload()" />
    }
  `,
})
export class ToSignPageComponent {
  private readonly api = inject(HomeApi);
  protected readonly home = rxResource({ stream: () => this.api.get() });
}
