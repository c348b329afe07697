import { Injectable } from '@nestjs/common';
import { hash, verify, type Options } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

/** OWASP's argon2id minimum: 19 MiB of memory, two passes, one lane. */
// Algorithm.Argon2id is a const enum (2), which isolatedModules cannot read from the package's types.
const ARGON2ID = 2 as Options['algorithm'];
export const ARGON2_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  /** Verifying against this costs what a real check costs, so an unknown account answers as slowly as a known one. */
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of one verification and fails. */
  async burn(password: string): Promise<false> {
    this.dummy ??= this.hash(generateInitialPassword());
    await this.verify(await this.dummy, password);
    return false;
  }
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!#$%*+-=?@^_';

/**
 * A one-time password of 16 characters with all four classes and no
 * look-alike characters (0/O, 1/l/I), so it can be read out or copied by hand.
 */
export function generateInitialPassword(length = 16): string {
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const chars = [UPPER, LOWER, DIGITS, SYMBOLS].map((set) => set[randomInt(set.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
