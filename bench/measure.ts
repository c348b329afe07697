import { cpus } from 'node:os';

/** Median of `runs` timings after `warmup` unmeasured runs, in milliseconds. */
export async function measure(label: string, fn: () => unknown, runs = 15, warmup = 3): Promise<{ label: string; medianMs: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { label, medianMs: times[Math.floor(times.length / 2)] };
}

export function header(title: string): void {
  process.stdout.write(`\n${title}\nnode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`);
}

export function table(rows: { label: string; medianMs: number }[], unit?: { count: number; name: string }): void {
  for (const r of rows) {
    const rate = unit ? `  ${Math.round(unit.count / (r.medianMs / 1000)).toLocaleString('en')} ${unit.name}/s` : '';
    process.stdout.write(`  ${r.label.padEnd(48)} ${r.medianMs.toFixed(2).padStart(10)} ms${rate}\n`);
  }
}
