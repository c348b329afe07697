import { IsOptional, IsString, Length } from 'class-validator';
import { DisplayName, OptionalEmail, OptionalExtension } from '../../common/validators';
import type { ChangePasswordRequest, LoginRequest, UpdateProfileRequest } from '@tunedesk/contracts';

export class LoginDto implements LoginRequest {
  @IsString()
  @Length(1, 64)
  account: string;

  // Up to 128 characters are accepted exactly; 512 UTF-16 units leaves room for any Unicode.
  @IsString()
  @Length(1, 512)
  password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString()
  @Length(1, 512)
  currentPassword: string;

  @IsString()
  @Length(1, 512)
  newPassword: string;
}

/** What a user may change about themselves. roles, unitCode, active… are refused (forbidNonWhitelisted). */
export class UpdateProfileDto implements UpdateProfileRequest {
  @IsOptional()
  @DisplayName()
  displayName?: string;

  @OptionalEmail()
  email?: string | null;

  @OptionalExtension()
  extension?: string | null;
}
