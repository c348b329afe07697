import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { promisify } from 'node:util';
import * as yauzl from 'yauzl';
import type { TabularLimits, TabularProfile } from './limits';
import { limitExceeded, notParsable } from './table-errors';

type Limits = TabularLimits & { profile: TabularProfile };

/**
 * A zip container (XLSX, ODS) opened by its central directory, never read
 * whole: the entry count, each entry's declared size and compression ratio
 * are checked before a byte is inflated, yauzl checks that no entry inflates
 * beyond what it declared, and the bytes inflated over the whole read are
 * counted against the limit.
 */
export class ZipBook {
  private inflated = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly entries: Map<string, yauzl.Entry>,
    private readonly fileName: string,
    private readonly limits: Limits,
  ) {}

  static async open(source: { path: string } | { buffer: Buffer }, fileName: string, limits: Limits): Promise<ZipBook> {
    const options = { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, autoClose: false };
    let zip: yauzl.ZipFile;
    try {
      zip =
        'path' in source
          ? await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(source.path, options)
          : await promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer)(source.buffer, options);
    } catch (error) {
      throw notParsable(fileName, 'zip', `壓縮檔結構損壞 / the zip structure is damaged (${(error as Error).message})`);
    }
    try {
      if (zip.entryCount > limits.maxZipEntries)
        throw limitExceeded(fileName, limits, 'maxZipEntries', { seen: zip.entryCount.toLocaleString('en-US') });
      const entries = new Map<string, yauzl.Entry>();
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: yauzl.Entry) => {
          entries.set(entry.fileName.replace(/^\/+/, ''), entry);
          zip.readEntry();
        });
        zip.on('end', () => resolve());
        zip.on('error', (error: Error) =>
          reject(notParsable(fileName, 'zip', `壓縮檔結構損壞 / the zip structure is damaged (${error.message})`)),
        );
        zip.readEntry();
      });
      return new ZipBook(zip, entries, fileName, limits);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The inflated bytes of one entry as a stream, after the size and ratio checks. */
  async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw notParsable(this.fileName, 'zip', `缺少 ${name} / ${name} is missing`);
    const { limits } = this;
    const size = entry.uncompressedSize;
    if (this.inflated + size > limits.maxUncompressedBytes)
      throw limitExceeded(this.fileName, limits, 'maxUncompressedBytes', {
        seen: `${Math.round((this.inflated + size) / 1024 / 1024).toLocaleString('en-US')} MiB`,
      });
    if (size > limits.inflateRatioGraceBytes && size / Math.max(1, entry.compressedSize) > limits.maxInflateRatio)
      throw limitExceeded(this.fileName, limits, 'maxInflateRatio', {
        seen: `${Math.round(size / Math.max(1, entry.compressedSize))} (${name})`,
      });
    this.inflated += size;
    try {
      return await promisify<yauzl.Entry, Readable>(this.zip.openReadStream.bind(this.zip))(entry);
    } catch (error) {
      throw notParsable(this.fileName, 'zip', `${name}：${(error as Error).message}`);
    }
  }

  /** A small entry (workbook, relationships, styles) as text. */
  async text(name: string): Promise<string> {
    const parts: Buffer[] = [];
    const stream = await this.stream(name);
    try {
      for await (const chunk of stream) parts.push(chunk as Buffer);
    } catch (error) {
      throw notParsable(this.fileName, 'zip', `${name}：${(error as Error).message}`);
    }
    return Buffer.concat(parts).toString('utf8');
  }

  close(): void {
    this.zip.close();
  }
}

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/** The local part of a qualified XML name (`x:row` → `row`, `table:table-cell` stays prefixed when asked). */
export const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Feeds an XML stream to a streaming parser chunk by chunk; after each chunk
 * the caller's `drain` yields what the chunk produced, so the consumer's pace
 * paces the reading (no row is read ahead of more than one chunk).
 */
export async function* parseXml<T>(
  stream: Readable,
  handlers: XmlHandlers,
  drain: () => Iterable<T>,
  fileName: string,
  entry: string,
  progress: { bytes: number } = { bytes: 0 },
): AsyncGenerator<T> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: Error | null = null;
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(tag.name, tag.attributes));
  parser.on('closetag', (tag: SaxesTagPlain) => handlers.close(tag.name));
  parser.on('text', (t: string) => handlers.text(t));
  parser.on('cdata', (t: string) => handlers.text(t));
  parser.on('error', (error: Error) => {
    failure ??= error;
  });
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream) {
      progress.bytes += (chunk as Buffer).length;
      parser.write(decoder.write(chunk as Buffer));
      if (failure) break;
      yield* drain();
    }
    if (!failure) parser.write(decoder.end()).close();
    if (failure) throw notParsable(fileName, 'XML', `${entry}：${(failure as Error).message.split('\n')[0]}`);
    yield* drain();
  } catch (error) {
    if (error instanceof Error && error.name === 'DomainError') throw error;
    throw notParsable(fileName, 'XML', `${entry}：${(error as Error).message.split('\n')[0]}`);
  } finally {
    stream.destroy();
  }
}
