import { IsBoolean, IsObject, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { ArrayMaxSize, IsArray } from 'class-validator';
import type { ImportProfileInput, ProfileAliases, RoutingRuleInput, SynonymInput } from '@tunedesk/contracts';

/** The shapes here; lengths, names and clashes are checked by the service, which names the exact field. */
export class ImportProfileBody implements ImportProfileInput {
  @IsString()
  name!: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  note?: string | null;

  @IsObject()
  aliases!: ProfileAliases;
}

export class SynonymBody implements SynonymInput {
  @IsString()
  term!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  variants!: string[];

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  note?: string | null;
}

export class RoutingRuleBody implements RoutingRuleInput {
  @IsString()
  keyword!: string;

  @IsString()
  unitCode!: string;

  @IsOptional()
  @IsBoolean()
  overridesTaxNames?: boolean;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  note?: string | null;
}

export class RoutingTestBody {
  @IsString()
  @MaxLength(500)
  text!: string;
}
