import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  AccountRequestKind,
  AccountRequestReason,
  Role,
  type CreateAccountRequestRequest,
  type DecideAccountRequestRequest,
} from '@tunedesk/contracts';
import { ACCOUNT_RE } from '../org/dto/user.dto';

export class CreateAccountRequestDto implements CreateAccountRequestRequest {
  @IsEnum(AccountRequestKind)
  kind: AccountRequestKind;

  @Matches(ACCOUNT_RE, { message: 'account must be 2–64 letters, digits, dot, _ or -' })
  account: string;

  @ValidateIf((o: CreateAccountRequestDto) => o.kind === AccountRequestKind.Create || o.displayName !== undefined)
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

  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'unitCode must be a unit code' })
  unitCode: string;

  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  requestedRoles: Role[];

  @IsEnum(AccountRequestReason)
  reason: AccountRequestReason;

  @ValidateIf(
    (o: CreateAccountRequestDto) => o.reason === AccountRequestReason.Other || (o.reasonNote !== undefined && o.reasonNote !== null),
  )
  @IsString()
  @Length(1, 255)
  reasonNote?: string | null;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date as YYYY-MM-DD' })
  effectiveDate: string;
}

export class DecideAccountRequestDto implements DecideAccountRequestRequest {
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  comment?: string | null;
}
