import { ApiPropertyOptional } from '@nestjs/swagger';
import { TABLE_FORMATS, type TableFormat } from '../common/tabular/write-table';
import { PageQueryDto } from '../common/validators';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AUDIT_ACTIONS, type AuditQuery } from '@tunedesk/contracts';

export class AuditQueryDto extends PageQueryDto implements AuditQuery {
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  unit?: string;

  @IsOptional()
  @IsIn([...AUDIT_ACTIONS, ''])
  action?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  targetType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetId?: string;
}

/** The export's filter, and the file format (CSV unless asked). */
export class AuditExportQueryDto extends AuditQueryDto {
  @IsOptional()
  @IsIn(TABLE_FORMATS)
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'csv' })
  format?: TableFormat;
}
