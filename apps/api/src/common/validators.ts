import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

/** The field rules shared by the DTOs that carry a person's details. */
export const DisplayName = () => applyDecorators(IsString(), Length(1, 64));

/** Optional; `null` clears it. */
export const OptionalEmail = () =>
  applyDecorators(
    IsOptional(),
    ValidateIf((_, v) => v !== null),
    IsEmail(),
    MaxLength(254),
  );

/** Optional phone extension; `null` clears it. */
export const OptionalExtension = () =>
  applyDecorators(
    IsOptional(),
    ValidateIf((_, v) => v !== null),
    IsString(),
    Length(1, 16),
  );

export const UNIT_CODE_RE = /^[A-Za-z0-9_-]{1,16}$/;
export const UnitCode = (field = 'unitCode') => Matches(UNIT_CODE_RE, { message: `${field} must be a unit code` });

/** page / pageSize query parameters of every paged list. */
export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
