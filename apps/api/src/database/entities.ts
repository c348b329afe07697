import { JobRunEntity } from '../jobs/job-run.entity';
import { AccountRequestEntity } from '../account-requests/account-request.entity';
import { AuditAnchorEntity, AuditEventEntity } from '../audit/audit-event.entity';
import { SessionEntity } from '../auth/session.entity';
import { KbAlternateEntity, KbItemEntity, KbVersionEntity } from '../knowledge/kb-item.entity';
import { UnitEntity } from '../org/unit.entity';
import { MissClusterEntity, ReportImportEntity, ReportMessageEntity, TuningCycleEntity } from '../reports/report.entities';
import {
  AppSettingEntity,
  ImportProfileEntity,
  NotificationEntity,
  OfficeDayEntity,
  ReminderLogEntity,
  ReviewItemEntity,
  RoutingRuleEntity,
  SynonymEntity,
} from '../tuning/tuning.entities';
import { ProposalEntity, ProposalListEntity } from '../proposals/proposal.entities';
import { WEBSITE_ENTITIES } from '../website/website.entities';
import { PasswordHistoryEntity, UserEntity, UserRoleEntity } from '../org/user.entity';

/** Every entity, listed so bundled builds need no file globbing. */
export const ENTITIES = [
  UnitEntity,
  JobRunEntity,
  UserEntity,
  UserRoleEntity,
  PasswordHistoryEntity,
  SessionEntity,
  AuditEventEntity,
  AuditAnchorEntity,
  AccountRequestEntity,
  KbItemEntity,
  KbAlternateEntity,
  KbVersionEntity,
  ReportImportEntity,
  ReportMessageEntity,
  TuningCycleEntity,
  MissClusterEntity,
  AppSettingEntity,
  ImportProfileEntity,
  SynonymEntity,
  RoutingRuleEntity,
  ReviewItemEntity,
  NotificationEntity,
  OfficeDayEntity,
  ReminderLogEntity,
  ProposalEntity,
  ProposalListEntity,
  ...WEBSITE_ENTITIES,
];
