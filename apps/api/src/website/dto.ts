import { ApiPropertyOptional } from '@nestjs/swagger';
import type {
  CorrectionStatus,
  CreateWebPageRequest,
  FixKind,
  ReviewResult,
  ReviewRowRequest,
  UpdateWebPageRequest,
} from '@tunedesk/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { TABLE_FORMATS, type TableFormat } from '../common/tabular/write-table';
import { UnitCode } from '../common/validators';

export const PAGE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CreateWebPageDto implements CreateWebPageRequest {
  @Matches(PAGE_ID_RE, { message: 'pageId must be 1–32 letters, digits, dot, _ or -' })
  pageId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  menuPath: string[];

  @IsString()
  @Length(1, 200)
  title: string;

  @Matches(/^https?:\/\/\S{1,990}$/, { message: 'url must be an http(s) address' })
  url: string;

  @UnitCode()
  ownerUnitCode: string;
}

export class UpdateWebPageDto implements UpdateWebPageRequest {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  menuPath?: string[];

  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S{1,990}$/, { message: 'url must be an http(s) address' })
  url?: string;

  @IsOptional()
  @UnitCode()
  ownerUnitCode?: string;
}

export class PageListQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(16)
  unit?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  includeRetired?: boolean;
}

export class ExportQueryDto {
  @IsOptional()
  @IsIn(TABLE_FORMATS)
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'csv' })
  format?: TableFormat;
}

export class ReviewListQueryDto {
  @IsOptional()
  @Matches(MONTH_RE, { message: 'month must be YYYY-MM' })
  month?: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  unit?: string;
}

export class ComplianceQueryDto extends ExportQueryDto {
  @Matches(MONTH_RE, { message: 'from must be YYYY-MM' })
  from: string;

  @Matches(MONTH_RE, { message: 'to must be YYYY-MM' })
  to: string;
}

export class ReviewRowDto implements ReviewRowRequest {
  @IsIn(['correct', 'needs-fix'])
  result: ReviewResult;

  @ValidateIf((o: ReviewRowDto) => o.result === 'needs-fix' || o.fixKind !== undefined)
  @IsIn(['content', 'program'])
  fixKind?: FixKind;

  @ValidateIf((o: ReviewRowDto) => o.result === 'needs-fix' || o.fixNote !== undefined)
  @IsString()
  @Length(1, 1000)
  fixNote?: string;
}

export class ReturnFormDto {
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class NoteDto {
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class RecheckDto extends NoteDto {
  @IsBoolean()
  ok: boolean;
}

export class CorrectionListQueryDto {
  @IsOptional()
  @IsIn(['open', 'done', 'rechecked', 'published'])
  status?: CorrectionStatus;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  section?: string;
}
