import { PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { UNIT_KINDS, type CreateUnitRequest } from '@tunedesk/contracts';
import { KEYWORD_MAX_LENGTH, KEYWORDS_MAX_LENGTH } from '../org-import';

export class CreateUnitDto implements CreateUnitRequest {
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'code must be 1–16 letters, digits, _ or -' })
  code: string;

  @IsString()
  @Length(1, 64)
  name: string;

  @IsIn(UNIT_KINDS)
  kind: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'parentCode must be a unit code' })
  parentCode?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  categories?: string[];

  /** 業務職掌 keywords; the service also caps them at 1000 characters joined by 、 (the column's width). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(KEYWORDS_MAX_LENGTH / 2)
  @IsString({ each: true })
  @MaxLength(KEYWORD_MAX_LENGTH, { each: true })
  duties?: string[];

  /** 轄區, the same limits as duties. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(KEYWORDS_MAX_LENGTH / 2)
  @IsString({ each: true })
  @MaxLength(KEYWORD_MAX_LENGTH, { each: true })
  districts?: string[];

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** The code is the key and never changes. */
export class UpdateUnitDto extends PartialType(CreateUnitDto) {}
