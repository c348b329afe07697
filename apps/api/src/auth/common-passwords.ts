import { dictionary } from '@zxcvbn-ts/language-common';

let cached: ReadonlySet<string> | undefined;

/**
 * The common-password list shipped with the project: the ~49,000 most common
 * passwords from zxcvbn-ts's dictionary (an npm package, nothing downloaded at
 * run time), folded to lower case for lookups.
 */
export function commonPasswords(): ReadonlySet<string> {
  cached ??= new Set((dictionary.passwords as string[]).map((p) => p.normalize('NFKC').toLowerCase()));
  return cached;
}
