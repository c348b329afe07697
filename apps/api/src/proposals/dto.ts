import type {
  BulkQueueRequest,
  CloseReason,
  ProposalContent,
  ProposalInput,
  QueueItemKind,
  QueueItemStatus,
  SplitClusterRequest,
} from '@tunedesk/contracts';
import { CLOSE_REASONS } from '@tunedesk/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const bool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class QueueQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cycle?: number;

  @IsOptional()
  @IsIn(['cluster', 'review'])
  kind?: QueueItemKind;

  @IsOptional()
  @IsIn(['open', 'claimed', 'proposed', 'closed'])
  status?: QueueItemStatus;

  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  recurring?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  category?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  unit?: string;
}

/** GET /api/queue/cycles: the picker's cycles for the queue asked for ('triage', a unit code, or the person's own). */
export class QueueCyclesQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(16)
  unit?: string;
}

export class CloseBody {
  @IsIn(CLOSE_REASONS as unknown as string[])
  reason!: CloseReason;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class ReassignBody {
  @IsString()
  @MaxLength(16)
  unitCode!: string;

  @IsString()
  @MaxLength(500)
  reason!: string;
}

/** One queue item named in a body: a cluster or a review row, by id. */
export class QueueItemRef {
  @IsIn(['cluster', 'review'])
  kind!: QueueItemKind;

  @IsInt()
  @Min(1)
  id!: number;
}

export class BulkBody implements BulkQueueRequest {
  @IsIn(['close', 'reassign'])
  action!: 'close' | 'reassign';

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QueueItemRef)
  items!: QueueItemRef[];

  @IsOptional()
  @IsIn(CLOSE_REASONS as unknown as string[])
  reason?: CloseReason;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  note?: string | null;

  @IsOptional()
  @IsString()
  unitCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reassignReason?: string;
}

/** The content's types; the service checks what they hold (required, lengths, the unit) field by field and names the field. */
export class ProposalContentBody implements Partial<ProposalContent> {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  question!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  alternates!: string[];

  @IsOptional()
  @IsString()
  @MaxLength(40000)
  answer!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  keywords!: string[];

  @IsOptional()
  @IsString()
  @MaxLength(32)
  ownerUnitCode!: string;
}

/** The shape; the service checks the content field by field and names the field. */
export class ProposalBody implements ProposalInput {
  @IsInt()
  cycleId!: number;

  @IsIn(['add', 'modify', 'delete'])
  kind!: ProposalInput['kind'];

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(32)
  kbItemId?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => ProposalContentBody)
  content?: ProposalContentBody | null;

  @IsString()
  reason!: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => QueueItemRef)
  source?: QueueItemRef | null;
}

export class ReturnBody {
  @IsObject()
  comments!: Record<string, string>;
}

export class MergeBody {
  @IsInt()
  @Min(1)
  intoId!: number;
}

/** The shape; the service refuses an empty list, every wording, or one not in the cluster, by name. */
export class SplitBody implements SplitClusterRequest {
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  wordings!: string[];
}
