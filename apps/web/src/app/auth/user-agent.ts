/** "Edge 131 · Windows": enough to recognise one's own browsers in the sessions table. */
export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser =
    match(userAgent, /Edg(?:e|A|iOS)?\/(\d+)/, 'Edge') ??
    match(userAgent, /OPR\/(\d+)/, 'Opera') ??
    match(userAgent, /Firefox\/(\d+)/, 'Firefox') ??
    match(userAgent, /(?:Chrome|CriOS)\/(\d+)/, 'Chrome') ??
    (/Safari\//.test(userAgent) ? match(userAgent, /Version\/(\d+)/, 'Safari') : null);
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad|iPod/.test(userAgent)
        ? 'iOS'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux|X11/.test(userAgent)
            ? 'Linux'
            : null;
  if (!browser && !os) return userAgent.slice(0, 60);
  return [browser, os].filter(Boolean).join(' · ');
}

function match(text: string, pattern: RegExp, name: string): string | null {
  const found = pattern.exec(text);
  return found ? `${name} ${found[1]}` : null;
}
