/**
 * Plain text cut into pieces a template can show with interpolation only: the
 * text is never parsed as HTML, so "<b>x</b>" in an answer stays literally "<b>x</b>".
 */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/**
 * http(s) up to white space, quotes, angle brackets or CJK punctuation and
 * full-width forms (a Chinese sentence goes straight on after a URL: 「請見 https://x.tw。」).
 */
const URL_PATTERN = /https?:\/\/[^\s<>"'`\u3000-\u303f\uff00-\uffef]+/gi;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = /[.,;:!?'"\])}]+$/;

function trimUrl(candidate: string): string {
  let url = candidate;
  const trailing = TRAILING.exec(url);
  if (trailing) url = url.slice(0, url.length - trailing[0].length);
  // "(see https://x.tw/a_(b))": keep a closing bracket the URL itself opened.
  const rest = candidate.slice(url.length);
  if (rest.startsWith(')') && url.includes('(') && countOf(url, '(') > countOf(url, ')')) url += ')';
  return url;
}

function countOf(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** One line: text, and http(s) URLs as links. Only http and https become links; nothing else can (javascript: etc.). */
export function linkifyLine(line: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    if (url.length <= 'https://'.length) continue;
    const start = match.index;
    if (start > at) pieces.push({ kind: 'text', text: line.slice(at, start) });
    pieces.push({ kind: 'link', text: url, href: url });
    at = start + url.length;
  }
  if (at < line.length) pieces.push({ kind: 'text', text: line.slice(at) });
  return pieces;
}

/** The answer line by line (CRLF, CR and LF all break), each line linkified. */
export function linkifyText(text: string): TextPiece[][] {
  return text.split(/\r\n|\r|\n/).map(linkifyLine);
}

export interface MarkPiece {
  text: string;
  mark: boolean;
}

/** Shorter common runs (a single character) would mark half of any Chinese sentence. */
const MIN_MARK = 2;

/**
 * `text` with the runs it shares with the query marked (case-insensitive,
 * longest first, at least two characters). Chinese has no spaces between
 * words, so "牌照稅幾月繳" against the query "房屋稅幾月繳" marks "稅幾月繳".
 */
export function markMatches(text: string, query: string): MarkPiece[] {
  const needle = query.trim().toLowerCase();
  if (!text) return [];
  if (needle.length < MIN_MARK) return [{ text, mark: false }];
  const hay = text.toLowerCase();
  const pieces: MarkPiece[] = [];
  let plain = 0;
  let at = 0;
  while (at < text.length) {
    let length = 0;
    if (!/\s/.test(text[at])) {
      for (let end = Math.min(text.length, at + needle.length); end - at >= MIN_MARK; end--) {
        if (needle.includes(hay.slice(at, end))) {
          length = text.slice(at, end).trimEnd().length;
          break;
        }
      }
    }
    if (length < MIN_MARK) {
      at++;
      continue;
    }
    if (at > plain) pieces.push({ text: text.slice(plain, at), mark: false });
    pieces.push({ text: text.slice(at, at + length), mark: true });
    at += length;
    plain = at;
  }
  if (plain < text.length) pieces.push({ text: text.slice(plain), mark: false });
  return pieces;
}
