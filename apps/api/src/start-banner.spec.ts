import { startBanner } from './start-banner';

describe('the first start’s banner', () => {
  it('lists the demo accounts, then the address in English and zh-TW, in the e2e-parsed format', () => {
    const text = startBanner(3922, ['── demo accounts ──', '[demo-account] admin        Pw#1234567890ab  IT   system-admin  周文彬']);
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('[demo-account] '))).toHaveLength(1);
    expect([...text.matchAll(/^\[demo-account\] (\S+)\s+(\S+)/gm)].map((m) => [m[1], m[2]])).toEqual([['admin', 'Pw#1234567890ab']]);
    const serving = lines.indexOf('TuneDesk is serving at http://localhost:3922');
    expect(serving).toBeGreaterThan(lines.findIndex((l) => l.startsWith('[demo-account]')));
    expect(lines[serving + 1]).toBe('TuneDesk 已啟動，請以瀏覽器開啟 http://localhost:3922');
    // Nothing but the closing rule after the address.
    expect(lines.slice(serving + 2).filter((l) => l.trim() && !/^─+$/.test(l))).toEqual([]);
  });

  it('prints only the address when this start seeded nothing', () => {
    const text = startBanner(3000, []);
    expect(text).not.toContain('[demo-account]');
    expect(text).toContain('TuneDesk is serving at http://localhost:3000\n');
  });
});
