import type { HealthComponent } from '@tunedesk/contracts';

/** Badge colour class per component state; text comes from `health.state.*`. */
export const STATE_BADGE: Record<HealthComponent['state'], string> = {
  up: 'td-badge--ok',
  down: 'td-badge--error',
  'not-configured': 'td-badge--muted',
};

export const STATE_ICON: Record<HealthComponent['state'], string> = {
  up: 'check_circle',
  down: 'error',
  'not-configured': 'remove_circle_outline',
};
