import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The demo seed prints each account's one-time password on the console, once. */
export function demoPasswords(output: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of output.matchAll(/^\[demo-account\] (\S+)\s+(\S+)/gm)) found.set(m[1], m[2]);
  return found;
}
