export const JOB_DRIVER = Symbol('JOB_DRIVER');

export interface JobDriver {
  readonly kind: 'bullmq' | 'in-process';
  add(id: string, name: string, data: unknown): Promise<void>;
  /** Lets the running job finish, then stops. */
  close(): Promise<void>;
}
