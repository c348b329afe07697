import { signal, type Signal } from '@angular/core';

/** Dropping one file on an import page's drop zone; the page decides what a chosen file means. */
export class FileDrop {
  readonly over = signal(false);

  constructor(
    private readonly busy: Signal<boolean>,
    private readonly choose: (file: File | null) => void,
  ) {}

  dragOver(event: DragEvent): void {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = this.busy() ? 'none' : 'copy';
    this.over.set(true);
  }

  dragLeave(event: DragEvent): void {
    const zone = event.currentTarget as HTMLElement | null;
    // Moving between the zone's own children is not leaving it.
    if (zone && event.relatedTarget instanceof Node && zone.contains(event.relatedTarget)) return;
    this.over.set(false);
  }

  drop(event: DragEvent): void {
    event.preventDefault();
    this.over.set(false);
    if (this.busy()) return;
    this.choose(event.dataTransfer?.files?.[0] ?? null);
  }
}
