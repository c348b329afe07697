import { Injectable, inject, signal } from '@angular/core';
import { UnitsApi } from './units.api';

/**
 * Units by name where a page holds only a code (「由 房屋稅科 改派」, not 「由 HT 改派」). The list is
 * asked for once, on first need, and kept for the session; until it arrives, or if it cannot be read,
 * the code is shown.
 */
@Injectable({ providedIn: 'root' })
export class UnitNamesService {
  private readonly api = inject(UnitsApi);
  private readonly names = signal<ReadonlyMap<string, string> | null>(null);
  private requested = false;

  /** Ask for the names unless they are here or on their way. */
  load(): void {
    if (this.requested) return;
    this.requested = true;
    this.api.list().subscribe({
      next: (units) => this.names.set(new Map(units.map((unit) => [unit.code, unit.name]))),
      error: () => (this.requested = false),
    });
  }

  /** The unit's name, or the code while the names are not known. Reads a signal: templates follow it. */
  name(code: string): string {
    return this.names()?.get(code) ?? code;
  }
}
