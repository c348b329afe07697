export type ComponentState = 'up' | 'down' | 'not-configured';

export interface HealthComponent {
  name: 'database' | 'redis' | 'jobs';
  state: ComponentState;
  /** e.g. "sqlite", "mysql 10.11.19-MariaDB", "bullmq", "in-process" */
  detail?: string;
  latencyMs?: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'error';
  version: string;
  mode: 'embedded' | 'production';
  startedAt: string;
  checkedAt: string;
  components: HealthComponent[];
}
