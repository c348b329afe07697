import { DisplayName, OptionalEmail, OptionalExtension, UnitCode } from '../common/validators';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
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
  @DisplayName()
  displayName?: string;

  @OptionalEmail()
  email?: string | null;

  @OptionalExtension()
  extension?: string | null;

  @UnitCode()
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
