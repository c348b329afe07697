import type { Repository } from 'typeorm';
import { TuningCycleEntity } from './report.entities';

/**
 * 不定期調校: the one always-open cycle for proposals outside any monthly
 * report. Made the first time anything asks for it (the cycle list, the queue's
 * month picker, a closed list's way on), so a fresh database offers it too.
 */
export async function irregularCycle(cycles: Repository<TuningCycleEntity>, now: Date): Promise<TuningCycleEntity> {
  const existing = await cycles.findOneBy({ kind: 'irregular' });
  if (existing) return existing;
  return cycles.save(
    cycles.create({
      kind: 'irregular',
      month: null,
      label: '不定期調校',
      dueDate: null,
      importId: null,
      announcedAt: null,
      announcedBy: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
}
