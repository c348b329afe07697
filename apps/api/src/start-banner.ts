/**
 * What a first start prints last, after every log line of the boot: the demo
 * accounts (when this start seeded them) and where to point the browser, in
 * English and zh-TW, as plain text a person reads (not JSON).
 */
export function startBanner(port: number, accountLines: string[]): string {
  const url = `http://localhost:${port}`;
  const rule = '─'.repeat(72);
  const lines = ['', rule];
  if (accountLines.length) lines.push(...accountLines, '');
  lines.push(`TuneDesk is serving at ${url}`, `TuneDesk 已啟動，請以瀏覽器開啟 ${url}`, rule, '');
  return lines.join('\n');
}

/** How long the first start waits for the demo's background work before printing the banner anyway. */
export const DEMO_SETTLE_MS = 120_000;
