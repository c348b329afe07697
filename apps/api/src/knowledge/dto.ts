import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { KbItemStatus, type KbStatusChangeRequest } from '@tunedesk/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { TABLE_FORMATS, type TableFormat } from '../common/tabular/write-table';
import { PageQueryDto, UnitCode } from '../common/validators';

export class KbListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  category?: string;

  @IsOptional()
  @UnitCode('unit')
  unit?: string;

  @IsOptional()
  @IsEnum(KbItemStatus)
  status?: KbItemStatus;
}

export class KbSearchQueryDto {
  @IsString()
  @Length(1, 500)
  q: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class KbDiffQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}

export class KbExportQueryDto {
  @IsOptional()
  @IsIn(TABLE_FORMATS)
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'csv' })
  format?: TableFormat;
}

export class KbStatusChangeDto implements KbStatusChangeRequest {
  @IsEnum(KbItemStatus)
  status: KbItemStatus;

  @IsString()
  @Length(1, 500)
  reason: string;
}
