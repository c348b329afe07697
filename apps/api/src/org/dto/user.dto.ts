import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Role, type CreateUserRequest, type UpdateUserRequest } from '@tunedesk/contracts';

export const ACCOUNT_RE = /^[a-z0-9][a-z0-9._-]{1,63}$/i;

export class CreateUserDto implements CreateUserRequest {
  @Matches(ACCOUNT_RE, { message: 'account must be 2–64 letters, digits, dot, _ or -, starting with a letter or digit' })
  account: string;

  @IsString()
  @Length(1, 64)
  displayName: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 16)
  extension?: string | null;

  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'unitCode must be a unit code' })
  unitCode: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];
}

export class UpdateUserDto implements UpdateUserRequest {
  @IsOptional()
  @IsString()
  @Length(1, 64)
  displayName?: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 16)
  extension?: string | null;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'unitCode must be a unit code' })
  unitCode?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserListQueryDto {
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'unit must be a unit code' })
  unit?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}
