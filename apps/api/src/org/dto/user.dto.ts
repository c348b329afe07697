import { DisplayName, OptionalEmail, OptionalExtension, UnitCode } from '../../common/validators';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { Role, type CreateUserRequest, type UpdateUserRequest } from '@tunedesk/contracts';

export const ACCOUNT_RE = /^[a-z0-9][a-z0-9._-]{1,63}$/i;

export class CreateUserDto implements CreateUserRequest {
  @Matches(ACCOUNT_RE, { message: 'account must be 2–64 letters, digits, dot, _ or -, starting with a letter or digit' })
  account: string;

  @DisplayName()
  displayName: string;

  @OptionalEmail()
  email?: string | null;

  @OptionalExtension()
  extension?: string | null;

  @UnitCode()
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
  @DisplayName()
  displayName?: string;

  @OptionalEmail()
  email?: string | null;

  @OptionalExtension()
  extension?: string | null;

  @IsOptional()
  @UnitCode()
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
  @UnitCode('unit')
  unit?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}
