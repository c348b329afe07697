import { InitialSchema1764374400000 } from './1764374400000-initial-schema';

/** Every migration in order; a new one is appended here. */
export const MIGRATIONS = [InitialSchema1764374400000];
