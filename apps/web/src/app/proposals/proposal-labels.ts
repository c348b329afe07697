import {
  type KbDiffDto,
  type KbFieldDiff,
  type KbItemDto,
  type ListStatus,
  type MeDto,
  type ProposalContent,
  type ProposalDto,
  type ProposalKind,
  type ProposalListDto,
  type ProposalListStateDto,
  type ProposalStatus,
  type ProposalWarningCode,
  type QueueItemDetailDto,
  type QueueItemKind,
  Role,
} from '@tunedesk/contracts';
import { diffChars } from 'diff';
import type { MessageKey } from '../i18n/messages';

export const PROPOSAL_KINDS: readonly ProposalKind[] = ['add', 'modify', 'delete'];

/** Who writes proposals: the units' knowledge contacts and the group leader (the server checks the same again). */
export const PROPOSER_ROLES: readonly Role[] = [Role.KnowledgeContact, Role.GroupLeader];

/** A proposal can be changed while it is a draft or was returned; a list while it is not with the unit head or approved. */
export const EDITABLE_PROPOSAL: readonly ProposalStatus[] = ['draft', 'returned'];
export const LOCKED_LIST: readonly ListStatus[] = ['submitted', 'approved'];

/** The limits the server applies, so the form says so before sending. */
export const QUESTION_MAX = 500;
export const ANSWER_MAX = 10_000;
export const REASON_MAX = 2000;
export const CATEGORY_MAX = 32;
export const COMMENT_MAX = 1000;
/** How many of the source's wordings start the reason. */
export const REASON_WORDINGS = 5;

export const PROPOSAL_KIND_LABEL: Record<ProposalKind, MessageKey> = {
  add: 'proposals.kind.add',
  modify: 'proposals.kind.modify',
  delete: 'proposals.kind.delete',
};

export const PROPOSAL_KIND_BADGE: Record<ProposalKind, string> = {
  add: 'td-badge--ok',
  modify: 'td-badge--info',
  delete: 'td-badge--error',
};

export const PROPOSAL_STATUS_LABEL: Record<ProposalStatus, MessageKey> = {
  draft: 'proposals.status.draft',
  submitted: 'proposals.status.submitted',
  returned: 'proposals.status.returned',
  approved: 'proposals.status.approved',
  deferred: 'proposals.status.deferred',
  applied: 'proposals.status.applied',
};

/** A draft is grey, with the head amber, returned red, approved and applied green, deferred violet. */
export const PROPOSAL_STATUS_BADGE: Record<ProposalStatus, string> = {
  draft: 'td-badge--muted',
  submitted: 'td-badge--warning',
  returned: 'td-badge--error',
  approved: 'td-badge--ok',
  deferred: 'td-badge--planned',
  applied: 'td-badge--ok',
};

export const LIST_STATUS_LABEL: Record<ListStatus, MessageKey> = {
  'not-started': 'proposals.listStatus.not-started',
  'in-progress': 'proposals.listStatus.in-progress',
  submitted: 'proposals.listStatus.submitted',
  returned: 'proposals.listStatus.returned',
  approved: 'proposals.listStatus.approved',
};

export const LIST_STATUS_BADGE: Record<ListStatus, string> = {
  'not-started': 'td-badge--muted',
  'in-progress': 'td-badge--info',
  submitted: 'td-badge--warning',
  returned: 'td-badge--error',
  approved: 'td-badge--ok',
};

export const WARNING_LABEL: Record<ProposalWarningCode, MessageKey> = {
  'alternate-in-use': 'proposals.warning.alternate-in-use',
  'near-duplicate': 'proposals.warning.near-duplicate',
  'open-proposal': 'proposals.warning.open-proposal',
  'past-year': 'proposals.warning.past-year',
};

/**
 * The web address of a unit's 資料檢視清單. The list belongs at /cycles/:cycleId/lists/:unit;
 * until app.routes sends that there, it lives under /proposals.
 */
export function listLink(cycleId: number, unitCode: string): (string | number)[] {
  return ['/proposals/lists', cycleId, unitCode];
}

/** `cluster:77` or `review:501` from the address, or null. */
export function parseSource(value: string | null | undefined): { kind: QueueItemKind; id: number } | null {
  const match = /^(cluster|review):(\d+)$/.exec((value ?? '').trim());
  if (!match) return null;
  const id = Number(match[2]);
  return id > 0 ? { kind: match[1] as QueueItemKind, id } : null;
}

/** The alternates field: one wording a line, blank lines and repeats left out. */
export function splitLines(text: string): string[] {
  return unique(text.split(/\r\n|\r|\n/));
}

/** The keywords field: separated by 、, commas, semicolons or line breaks. */
export function splitKeywords(text: string): string[] {
  return unique(text.split(/[、,，;；\r\n]+/));
}

function unique(parts: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts) {
    const text = part.trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out;
}

export function joinKeywords(keywords: readonly string[]): string {
  return keywords.join('、');
}

/** An item's current content, as a proposal holds it. */
export function contentOf(item: KbItemDto): ProposalContent {
  return {
    category: item.category,
    question: item.question,
    alternates: [...item.alternates],
    answer: item.answer,
    keywords: [...item.keywords],
    ownerUnitCode: item.ownerUnitCode ?? '',
  };
}

const DIFF_FIELDS = [
  'category',
  'question',
  'alternates',
  'answer',
  'keywords',
  'ownerUnitCode',
] as const satisfies readonly (keyof ProposalContent)[];

function fieldText(content: ProposalContent, field: (typeof DIFF_FIELDS)[number]): string {
  const value = content[field];
  return Array.isArray(value) ? value.join('\n') : value;
}

/**
 * The modify proposal against the item as it is now, field by field and
 * character by character (Chinese has no spaces between words), in the shape
 * the item page's version diff shows: version `version` against the next.
 */
export function contentDiff(itemId: string, version: number, before: ProposalContent, after: ProposalContent): KbDiffDto {
  const fields: KbFieldDiff[] = DIFF_FIELDS.map((field) => {
    const x = fieldText(before, field);
    const y = fieldText(after, field);
    return {
      field,
      changed: x !== y,
      before: x,
      after: y,
      segments: diffChars(x, y).map((change) => ({
        op: change.added ? ('insert' as const) : change.removed ? ('delete' as const) : ('equal' as const),
        text: change.value,
      })),
    };
  });
  return { itemId, from: version, to: version + 1, fields };
}

/** The alternates the proposal adds and the ones it takes away. */
export function alternatesChange(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const had = new Set(before.map((text) => text.trim()));
  const has = new Set(after.map((text) => text.trim()));
  return {
    added: after.filter((text) => !had.has(text.trim())),
    removed: before.filter((text) => !has.has(text.trim())),
  };
}

/** The source's most frequent wordings, most asked first: 「房屋稅刷卡」（9 次）. */
export function topWordings(detail: QueueItemDetailDto, limit = REASON_WORDINGS): { text: string; count: number }[] {
  return [...detail.wordings].sort((a, b) => b.count - a.count).slice(0, limit);
}

/** Whether the user is the unit's knowledge contact, who drafts and submits its list. */
export function isContactOf(me: MeDto | null, unitCode: string): boolean {
  return !!me && me.unitCode === unitCode && me.roles.includes(Role.KnowledgeContact);
}

/** Whether the user is the unit's head, who approves (核章) or returns its list. */
export function isHeadOf(me: MeDto | null, unitCode: string): boolean {
  return !!me && me.unitCode === unitCode && me.roles.includes(Role.UnitHead);
}

/** The contact may change a proposal of an open list while it is a draft or was returned. */
export function canEditProposal(me: MeDto | null, list: ProposalListDto, proposal: ProposalDto): boolean {
  return isContactOf(me, list.unitCode) && !LOCKED_LIST.includes(list.status) && EDITABLE_PROPOSAL.includes(proposal.status);
}

/** The list can be sent while it is being drafted or was returned, and has something to send. */
export function canSubmitList(me: MeDto | null, list: ProposalListDto): boolean {
  return (
    isContactOf(me, list.unitCode) &&
    (list.status === 'in-progress' || list.status === 'returned') &&
    list.proposals.some((proposal) => EDITABLE_PROPOSAL.includes(proposal.status))
  );
}

/** The unit head decides once the list was sent. */
export function canDecideList(me: MeDto | null, list: ProposalListDto): boolean {
  return isHeadOf(me, list.unitCode) && list.status === 'submitted';
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((text) => text.trim()).filter(Boolean));
  const y = new Set(b.map((text) => text.trim()).filter(Boolean));
  return x.size === y.size && [...x].every((text) => y.has(text));
}

/**
 * Whether a 修改 leaves the item as it is: the same trimmed texts, the same
 * alternates and keywords in any order (an alternate that repeats the
 * question does not count, as on the server). The server refuses such a
 * proposal (422 PROPOSAL_NO_CHANGE); the form says so before saving.
 */
export function sameContent(before: ProposalContent, after: ProposalContent): boolean {
  const question = after.question.trim();
  const alternates = (content: ProposalContent) => content.alternates.filter((text) => text.trim() !== content.question.trim());
  return (
    before.category.trim() === after.category.trim() &&
    before.question.trim() === question &&
    before.answer.trim() === after.answer.trim() &&
    (before.ownerUnitCode ?? '').trim().toUpperCase() === (after.ownerUnitCode ?? '').trim().toUpperCase() &&
    sameSet(alternates(before), alternates(after)) &&
    sameSet(before.keywords, after.keywords)
  );
}

/** A list that was sent to the unit head or approved takes no new proposal. */
export function listClosed(state: ProposalListStateDto | null | undefined): state is ProposalListStateDto {
  return !!state && !state.open;
}

/** When the closed list was closed: approved, else submitted. */
export function closedAt(state: ProposalListStateDto): string | null {
  return state.status === 'approved' ? (state.approvedAt ?? state.submittedAt) : state.submittedAt;
}
