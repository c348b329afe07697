import { diffChars } from 'diff';

export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * A character-level diff: Chinese has no spaces, so a word diff would mark a
 * whole sentence for one changed character. Joining the equal, deleted and
 * inserted segments in order gives back both texts.
 */
export function charDiff(before: string, after: string): DiffSegment[] {
  return diffChars(before, after).map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));
}

export function sidesOf(segments: DiffSegment[]): { before: string; after: string } {
  return {
    before: segments
      .filter((s) => s.op !== 'insert')
      .map((s) => s.text)
      .join(''),
    after: segments
      .filter((s) => s.op !== 'delete')
      .map((s) => s.text)
      .join(''),
  };
}
