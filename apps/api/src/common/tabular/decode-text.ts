import * as iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'big5';

/**
 * Decodes a text file in any encoding the bureau's files arrive in: UTF-8
 * (with or without BOM), UTF-16 with BOM (Excel "Unicode text"), or Big5/CP950
 * (Excel's CSV in a Traditional Chinese Windows). Without a BOM a file that is
 * valid UTF-8 is read as UTF-8, anything else as CP950.
 */
export function decodeText(buffer: Buffer): { text: string; encoding: TextEncodingName } {
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'cp950'), encoding: 'big5' };
  }
}
