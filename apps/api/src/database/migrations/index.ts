import { InitialSchema1764374400000 } from './1764374400000-initial-schema';
import { AccountsAudit1764460800000 } from './1764460800000-accounts-audit';
import { Knowledge1764547200000 } from './1764547200000-knowledge';
import { Reports1764633600000 } from './1764633600000-reports';
import { Tuning1764720000000 } from './1764720000000-tuning';
import { Proposals1764806400000 } from './1764806400000-proposals';
import { Rollups1764892800000 } from './1764892800000-rollups';
import { Dashboards1764979200000 } from './1764979200000-dashboards';
import { UnitDuties1765065600000 } from './1765065600000-unit-duties';
import { Matching1765152000000 } from './1765152000000-matching';
import { ClusterChannelsText1765238400000 } from './1765238400000-cluster-channels-text';
import { Website1765324800000 } from './1765324800000-website';

/** Every migration in order; a new one is appended here. */
export const MIGRATIONS = [
  InitialSchema1764374400000,
  AccountsAudit1764460800000,
  Knowledge1764547200000,
  Reports1764633600000,
  Tuning1764720000000,
  Proposals1764806400000,
  Rollups1764892800000,
  Dashboards1764979200000,
  UnitDuties1765065600000,
  Matching1765152000000,
  ClusterChannelsText1765238400000,
  Website1765324800000,
];
