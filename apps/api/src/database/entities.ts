import { JobRunEntity } from '../jobs/job-run.entity';
import { UnitEntity } from '../org/unit.entity';

/** Every entity, listed so bundled builds need no file globbing. */
export const ENTITIES = [UnitEntity, JobRunEntity];
