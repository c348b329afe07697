import { linkifyLine, linkifyText, markMatches } from './kb-text';

describe('linkifyText', () => {
  it('splits lines on CRLF, CR and LF', () => {
    expect(linkifyText('一\r\n二\r三\n四').map((line) => line.map((piece) => piece.text).join(''))).toEqual(['一', '二', '三', '四']);
  });

  it('makes links of http(s) URLs only, leaving sentence punctuation out', () => {
    expect(linkifyLine('請見 https://www.tax.tycg.gov.tw/a?b=1&c=2。謝謝')).toEqual([
      { kind: 'text', text: '請見 ' },
      { kind: 'link', text: 'https://www.tax.tycg.gov.tw/a?b=1&c=2', href: 'https://www.tax.tycg.gov.tw/a?b=1&c=2' },
      { kind: 'text', text: '。謝謝' },
    ]);
    expect(linkifyLine('(see http://x.tw/a).')).toEqual([
      { kind: 'text', text: '(see ' },
      { kind: 'link', text: 'http://x.tw/a', href: 'http://x.tw/a' },
      { kind: 'text', text: ').' },
    ]);
    expect(linkifyLine('wiki https://x.tw/A_(b) end')[1]).toEqual({ kind: 'link', text: 'https://x.tw/A_(b)', href: 'https://x.tw/A_(b)' });
    expect(linkifyLine('javascript:alert(1) ftp://x.tw data:text/html,<b>')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) ftp://x.tw data:text/html,<b>' },
    ]);
    expect(linkifyLine('https:// 不完整')).toEqual([{ kind: 'text', text: 'https:// 不完整' }]);
  });
});

describe('markMatches', () => {
  it('marks the runs the text shares with the query, case-insensitively, without spaces around them', () => {
    expect(markMatches('房屋稅何時繳 ABC', '何時 abc')).toEqual([
      { text: '房屋稅', mark: false },
      { text: '何時', mark: true },
      { text: '繳 ', mark: false },
      { text: 'ABC', mark: true },
    ]);
  });

  it('finds a shared run inside Chinese text without spaces, longest first', () => {
    expect(markMatches('牌照稅幾月繳', '房屋稅幾月繳')).toEqual([
      { text: '牌照', mark: false },
      { text: '稅幾月繳', mark: true },
    ]);
  });

  it('leaves single shared characters unmarked, and treats regex characters literally', () => {
    expect(markMatches('稅率', '房屋稅')).toEqual([{ text: '稅率', mark: false }]);
    expect(markMatches('稅率(年).*', '(年).*')).toEqual([
      { text: '稅率', mark: false },
      { text: '(年).*', mark: true },
    ]);
  });
});
