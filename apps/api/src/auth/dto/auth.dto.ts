import { IsEmail, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
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
}
