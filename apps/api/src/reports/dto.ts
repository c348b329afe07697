import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { TABLE_FORMATS, type TableFormat } from '../common/tabular/write-table';
import { UnitCode } from '../common/validators';

const bool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class ReportUploadDto {
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;

  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  replace?: boolean;

  /** The import profile to read the headers with; empty: decided from the headers. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' || value === null ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  profileId?: number;
}

export class ClusterQueryDto {
  @IsOptional()
  @UnitCode('unit')
  unit?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  minSize?: number;

  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  recurring?: boolean;

  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  triage?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  channel?: string;
}

export class ExportFormatDto {
  @IsOptional()
  @IsIn(TABLE_FORMATS)
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'csv' })
  format?: TableFormat;
}

export class ReviewQueryDto {
  @IsOptional()
  @UnitCode('unit')
  unit?: string;

  @IsOptional()
  @IsIn(['open', 'done'])
  status?: 'open' | 'done';
}

export class ReviewUpdateDto {
  @IsIn(['open', 'done'])
  status!: 'open' | 'done';

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
