import { ResponseType, type RejectedLine } from '@tunedesk/contracts';
import { normalizeText, parseFlexibleDateTime, taipeiDateOf, toInstant, toIsoDate, type FieldSpec } from '@tunedesk/domain';

export type LogField =
  | 'askedAt'
  | 'sessionId'
  | 'channel'
  | 'question'
  | 'responseType'
  | 'kbItemId'
  | 'matchedQuestion'
  | 'confidence'
  | 'feedback'
  | 'handedOff';
export type SummaryField = 'rowNo' | 'question' | 'occurrences' | 'nearestQuestion' | 'kbItemId' | 'similarity' | 'vendorAdvice';

/** Format 1, the conversation log. */
export const LOG_FIELDS: readonly FieldSpec<LogField>[] = [
  { field: 'askedAt', label: '提問時間', required: true, aliases: ['時間', '日期時間', 'asked at'] },
  { field: 'sessionId', label: '會話編號', required: false, aliases: ['session', '對話編號'] },
  { field: 'channel', label: '管道', required: false, aliases: ['通路', '來源'] },
  { field: 'question', label: '使用者問句', required: true, aliases: ['問句', '提問內容', '使用者提問'] },
  { field: 'responseType', label: '回應類型', required: true, aliases: ['回應狀態', '回覆類型'] },
  { field: 'kbItemId', label: '題目編號', required: false, aliases: ['題號', 'kb item id'] },
  { field: 'matchedQuestion', label: '標準問句', required: false, aliases: ['對應問句'] },
  { field: 'confidence', label: '信心分數', required: false, aliases: ['信心值', '分數', 'score'] },
  { field: 'feedback', label: '評價', required: false, aliases: ['滿意度'] },
  { field: 'handedOff', label: '轉真人', required: false, aliases: ['轉接真人', '轉人工'] },
];

/** Format 2, the unanswered-question summary. */
export const SUMMARY_FIELDS: readonly FieldSpec<SummaryField>[] = [
  { field: 'rowNo', label: '項次', required: false, aliases: ['序號'] },
  { field: 'question', label: '使用者問句', required: true, aliases: ['問句', '提問內容'] },
  { field: 'occurrences', label: '出現次數', required: true, aliases: ['次數', '筆數'] },
  { field: 'nearestQuestion', label: '最接近標準問句', required: false, aliases: ['最接近問句'] },
  { field: 'kbItemId', label: '題目編號', required: false, aliases: ['題號'] },
  { field: 'similarity', label: '相似度', required: false, aliases: ['相似分數'] },
  { field: 'vendorAdvice', label: '廠商建議', required: false, aliases: ['建議'] },
];

const RESPONSE_TYPES: Record<string, ResponseType> = {
  直接回答: ResponseType.Answered,
  answered: ResponseType.Answered,
  推薦回答: ResponseType.Suggested,
  suggested: ResponseType.Suggested,
  未能回答: ResponseType.Unanswered,
  unanswered: ResponseType.Unanswered,
  閒聊: ResponseType.ChitChat,
  'chit-chat': ResponseType.ChitChat,
  無效問題: ResponseType.Invalid,
  invalid: ResponseType.Invalid,
};

export const MAX_QUESTION_LENGTH = 500;

/** Citizens repeat themselves: a month's questions are normalised once per distinct text. */
const normalised = new Map<string, string>();
function normaliseCached(question: string): string {
  let n = normalised.get(question);
  if (n === undefined) {
    if (normalised.size > 200_000) normalised.clear();
    n = normalizeText(question).slice(0, MAX_QUESTION_LENGTH);
    normalised.set(question, n);
  }
  return n;
}

export interface MessageRow {
  rowNo: number;
  month: string;
  day: string | null;
  askedAt: Date | null;
  sessionId: string | null;
  channel: string | null;
  question: string;
  normalized: string;
  responseType: ResponseType;
  kbItemId: string | null;
  confidence: number | null;
  feedback: string | null;
  handedOff: boolean;
  occurrences: number;
}

/** 0–1, or 0–100 divided by 100. */
function score(text: string): number | null | 'bad' {
  if (!text.trim()) return null;
  const n = Number(text.normalize('NFKC').trim().replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100) return 'bad';
  return n > 1 ? n / 100 : n;
}

function questionOf(raw: string, row: number, problems: RejectedLine[]): string {
  const q = raw.trim();
  if (!q) problems.push({ row, column: '使用者問句', reason: '使用者問句必填 (question is required)' });
  else if ([...q].length > MAX_QUESTION_LENGTH)
    problems.push({
      row,
      column: '使用者問句',
      reason: `使用者問句超過 ${MAX_QUESTION_LENGTH} 字 (question longer than ${MAX_QUESTION_LENGTH} characters)`,
    });
  return q;
}

/** One format-1 record; `month` (YYYY-MM), when given, refuses rows of other months. */
export function validateLogRow(row: number, get: (f: LogField) => string, month: string | null): MessageRow | RejectedLine[] {
  const problems: RejectedLine[] = [];
  const when = parseFlexibleDateTime(get('askedAt'));
  if (!when) problems.push({ row, column: '提問時間', reason: `「${get('askedAt')}」不是可辨識的日期時間 (not a date-time)` });
  const question = questionOf(get('question'), row, problems);
  const typeText = get('responseType').trim();
  const responseType = RESPONSE_TYPES[typeText] ?? RESPONSE_TYPES[typeText.toLowerCase()];
  if (!responseType)
    problems.push({
      row,
      column: '回應類型',
      reason: `「${typeText}」不是 直接回答／推薦回答／未能回答／閒聊／無效問題 (unknown response type)`,
    });
  const confidence = score(get('confidence'));
  if (confidence === 'bad')
    problems.push({
      row,
      column: '信心分數',
      reason: `「${get('confidence')}」不是 0–1 或 0–100 的數字 (confidence must be 0–1 or 0–100)`,
    });
  const feedbackText = get('feedback').trim();
  const feedback = feedbackText === '' ? null : ['滿意', '不滿意'].includes(feedbackText) ? feedbackText : undefined;
  if (feedback === undefined)
    problems.push({ row, column: '評價', reason: `「${feedbackText}」不是 滿意 或 不滿意 (feedback must be 滿意 or 不滿意)` });
  let askedAt: Date | null = null;
  let day: string | null = null;
  let rowMonth = month ?? '';
  if (when) {
    askedAt = toInstant(when);
    day = toIsoDate(taipeiDateOf(askedAt));
    rowMonth = day.slice(0, 7);
    if (month && rowMonth !== month) problems.push({ row, column: '提問時間', reason: `不屬於 ${month} (not in month ${month})` });
  }
  if (problems.length) return problems;
  const handed = get('handedOff').trim().toUpperCase();
  return {
    rowNo: row,
    month: rowMonth,
    day,
    askedAt,
    sessionId: get('sessionId').trim().slice(0, 64) || null,
    channel: get('channel').trim().slice(0, 32) || null,
    question,
    normalized: normaliseCached(question),
    responseType: responseType!,
    kbItemId: get('kbItemId').normalize('NFKC').trim().slice(0, 32) || null,
    confidence: confidence as number | null,
    feedback: feedback!,
    handedOff: handed === 'Y' || handed === '是' || handed === 'TRUE',
    occurrences: 1,
  };
}

/** One format-2 record: `occurrences` unanswered messages of one wording. */
export function validateSummaryRow(row: number, get: (f: SummaryField) => string, month: string): MessageRow | RejectedLine[] {
  const problems: RejectedLine[] = [];
  const question = questionOf(get('question'), row, problems);
  const occ = Number(get('occurrences').normalize('NFKC').trim());
  if (!Number.isInteger(occ) || occ < 1)
    problems.push({ row, column: '出現次數', reason: `「${get('occurrences')}」不是正整數 (occurrences must be a whole number ≥ 1)` });
  const similarity = score(get('similarity'));
  if (similarity === 'bad') problems.push({ row, column: '相似度', reason: `「${get('similarity')}」不是 0–1 或 0–100 的數字` });
  if (problems.length) return problems;
  return {
    rowNo: row,
    month,
    day: null,
    askedAt: null,
    sessionId: null,
    channel: null,
    question,
    normalized: normaliseCached(question),
    responseType: ResponseType.Unanswered,
    kbItemId: get('kbItemId').normalize('NFKC').trim().slice(0, 32) || null,
    confidence: similarity as number | null,
    feedback: null,
    handedOff: false,
    occurrences: occ,
  };
}

/** A miss: unanswered, only suggested, or answered but rated 不滿意. */
export function isMiss(m: Pick<MessageRow, 'responseType' | 'feedback'>): boolean {
  return (
    m.responseType === ResponseType.Unanswered ||
    m.responseType === ResponseType.Suggested ||
    (m.responseType === ResponseType.Answered && m.feedback === '不滿意')
  );
}
