export * from './errors';
export * from './health';
export * from './org';
export * from './jobs';
export * from './imports';
export * from './auth';
export * from './audit';
export * from './account-requests';
