export * from './dates/roc-date';
export * from './calendar/office-calendar';
export * from './headers/header-match';
export * from './text/spreadsheet-safe';
export * from './auth/password-policy';
export * from './audit/hash-chain';
