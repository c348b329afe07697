import type { ProposalContent, ProposalKind } from '@tunedesk/contracts';
import { diffChars, diffWords } from 'diff';

/** A run of text that both versions share, or that only the new or only the old one has. */
export interface TextPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** What a change of the change set alters, field by field, as the 彙整 page shows it. */
export interface ChangeDiff {
  /** 標準問句: the old and the new one, the words that differ marked; `changed` false when a 修改 keeps it. */
  question: { before: string | null; after: string | null; changed: boolean; parts: TextPart[] };
  /** 相似問句 the change adds (all of them for a new item) and takes away (all of them for a deletion). */
  alternates: { added: string[]; removed: string[]; kept: string[] };
  /** 答案: the words that differ marked; `changed` false when a 修改 keeps it; `short`: the changes with a little context. */
  answer: { before: string | null; after: string | null; changed: boolean; parts: TextPart[]; short: TextPart[] };
  /** Other fields a 修改 changes (稅目, 關鍵字, 權責單位), by name. */
  others: ('category' | 'keywords' | 'ownerUnitCode')[];
  /** A 修改 that changes nothing at all. */
  nothing: boolean;
}

const segmenter: Intl.Segmenter | null =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh-TW', { granularity: 'word' }) : null;

/**
 * A diff by words: Chinese has no spaces, so the words come from the
 * browser's word segmenter (房屋稅｜可以｜刷卡); English words stay whole.
 * Without a segmenter, characters. Joining the equal and deleted parts gives
 * the old text back, the equal and inserted ones the new.
 */
export function textDiff(before: string, after: string): TextPart[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const changes = segmenter ? diffWords(before, after, { intlSegmenter: segmenter }) : diffChars(before, after);
  const parts: TextPart[] = [];
  for (const change of changes) {
    const op = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += change.value;
    else if (change.value) parts.push({ op, text: change.value });
  }
  return parts;
}

/** The two sides a diff was made of. */
export function sidesOf(parts: readonly TextPart[]): { before: string; after: string } {
  return {
    before: parts
      .filter((part) => part.op !== 'insert')
      .map((part) => part.text)
      .join(''),
    after: parts
      .filter((part) => part.op !== 'delete')
      .map((part) => part.text)
      .join(''),
  };
}

const key = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, i) => key(text) === key(b[i]));
}

/** What one change of the set alters: a new item adds all of itself, a deletion takes all of itself away. */
export function changeDiff(change: { kind: ProposalKind; before: ProposalContent | null; content: ProposalContent | null }): ChangeDiff {
  const before = change.kind === 'add' ? null : change.before;
  const after = change.kind === 'delete' ? null : change.content;

  const had = before?.alternates ?? [];
  const has = after?.alternates ?? [];
  const hadKeys = new Set(had.map(key));
  const hasKeys = new Set(has.map(key));
  const alternates = {
    added: change.kind === 'delete' ? [] : has.filter((text) => !hadKeys.has(key(text))),
    removed: change.kind === 'add' ? [] : had.filter((text) => !hasKeys.has(key(text))),
    kept: has.filter((text) => hadKeys.has(key(text))),
  };

  const field = (a: string | null, b: string | null) => {
    const changed = a === null || b === null ? a !== b : key(a) !== key(b);
    return {
      before: a,
      after: b,
      changed,
      parts: a !== null && b !== null ? textDiff(a, b) : [{ op: a === null ? 'insert' : 'delete', text: a ?? b ?? '' } as TextPart],
    };
  };
  const question = field(before?.question ?? null, after?.question ?? null);
  const answerField = field(before?.answer ?? null, after?.answer ?? null);
  const answer = { ...answerField, short: change.kind === 'modify' ? condense(answerField.parts) : answerField.parts };

  const others: ChangeDiff['others'] = [];
  if (before && after) {
    if (key(before.category) !== key(after.category)) others.push('category');
    if (!sameList(before.keywords, after.keywords)) others.push('keywords');
    if (before.ownerUnitCode !== after.ownerUnitCode) others.push('ownerUnitCode');
  }
  const nothing =
    change.kind === 'modify' &&
    !question.changed &&
    !answer.changed &&
    !alternates.added.length &&
    !alternates.removed.length &&
    !others.length;
  return { question, alternates, answer, others, nothing };
}

/** Marks where condense() left text out. */
export const ELLIPSIS = '…';

/**
 * The changes of a long text with a little of what surrounds them: a run the
 * two versions share keeps `context` characters next to each change and is
 * cut to「…」in between, so an addition at the end of a long answer is in view
 * without opening the row.
 */
export function condense(parts: readonly TextPart[], context = 24): TextPart[] {
  if (!parts.some((part) => part.op !== 'equal')) return [...parts];
  return parts.flatMap((part, i): TextPart[] => {
    if (part.op !== 'equal') return [part];
    const first = i === 0;
    const last = i === parts.length - 1;
    const chars = [...part.text];
    if (first && chars.length > context) return [{ op: 'equal', text: ELLIPSIS + chars.slice(-context).join('') }];
    if (last && chars.length > context) return [{ op: 'equal', text: chars.slice(0, context).join('') + ELLIPSIS }];
    if (!first && !last && chars.length > context * 2)
      return [{ op: 'equal', text: chars.slice(0, context).join('') + ELLIPSIS + chars.slice(-context).join('') }];
    return [part];
  });
}
