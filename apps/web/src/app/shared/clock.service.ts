import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/** The current time, refreshed each minute so "today" is right for a tab left open overnight. */
@Injectable({ providedIn: 'root' })
export class ClockService {
  private readonly current = signal(new Date());
  readonly now = this.current.asReadonly();

  constructor() {
    const timer = setInterval(() => this.current.set(new Date()), 60_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
