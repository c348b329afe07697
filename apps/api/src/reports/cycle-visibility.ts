import { Role } from '@tunedesk/contracts';
import { hasRole, type Actor } from '../common/actor';

/**
 * Who may see a cycle (issue 14): a regular month not announced (公告) yet is
 * the service section's and the group leader's only — they triage and announce
 * it; for everyone else it does not exist yet, so a contact's queue, lists and
 * forms stay on the month whose work is due. 不定期調校 is always visible.
 */
export function seesUnannounced(actor: Actor): boolean {
  return hasRole(actor, Role.ServiceSection) || hasRole(actor, Role.GroupLeader);
}

export function cycleVisibleTo(actor: Actor, cycle: { kind: string; announcedAt: Date | string | null }): boolean {
  return cycle.kind !== 'regular' || !!cycle.announcedAt || seesUnannounced(actor);
}
