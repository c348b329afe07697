import { HealthModule } from './health/health.module';
import { OrgModule } from './org/org.module';

/** Feature modules, the same in the api, the worker (their job processors) and the CLI. */
export const FEATURE_MODULES = [OrgModule, HealthModule];
