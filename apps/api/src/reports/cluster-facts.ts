import type { ReportMessageEntity } from './report.entities';

/** What a cluster's messages say of it: by response type, examples, channels, first and last seen. */
export interface MessageFacts {
  byResponseType: string;
  examples: string;
  channels: string;
  firstSeen: Date | null;
  lastSeen: Date | null;
}

/** The facts of the messages, as the month's build writes them (examples: the first five with a time). */
export function factsOf(
  messages: Pick<ReportMessageEntity, 'sessionId' | 'channel' | 'askedAt' | 'question' | 'responseType' | 'occurrences'>[],
): MessageFacts {
  const byType: Record<string, number> = {};
  for (const m of messages) byType[m.responseType] = (byType[m.responseType] ?? 0) + m.occurrences;
  const times = messages.map((m) => m.askedAt?.getTime()).filter((t): t is number => t !== undefined);
  return {
    byResponseType: JSON.stringify(byType),
    examples: JSON.stringify(
      messages
        .filter((m) => m.askedAt)
        .slice(0, 5)
        .map((m) => ({
          sessionId: m.sessionId,
          channel: m.channel,
          askedAt: m.askedAt!.toISOString(),
          question: m.question,
          responseType: m.responseType,
        })),
    ),
    channels: JSON.stringify([...new Set(messages.map((m) => m.channel).filter(Boolean))].sort()),
    firstSeen: times.length ? new Date(times.reduce((a, b) => (b < a ? b : a))) : null,
    lastSeen: times.length ? new Date(times.reduce((a, b) => (b > a ? b : a))) : null,
  };
}
