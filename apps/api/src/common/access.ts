import { SetMetadata } from '@nestjs/common';

export const ACCESS_KEY = 'tunedesk:access';

/**
 * Every route states who may call it. `@Public()` marks the routes anyone may
 * call; the accounts issue adds `@Allow(role…)` and the guard that enforces both.
 */
export const Public = () => SetMetadata(ACCESS_KEY, 'public');
