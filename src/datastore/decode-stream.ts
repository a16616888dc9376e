import { createReadStream } from 'node:fs';
import { Big5Checker } from './big5-check.ts';
import { firstInvalidOffset, type TextEncodingName } from './encoding.ts';
import { undecodable } from './load-errors.ts';

/** Size of each read; large enough to amortize per-chunk work, small enough to keep memory flat. */
export const CHUNK_BYTES = 1 << 18;

/**
 * Streams a text file as decoded string chunks, strictly: an invalid byte sequence stops the load with
 * an error naming its byte offset (never a U+FFFD in the data). `onBytes` reports bytes consumed.
 */
export async function* decodeFile(
  path: string,
  encoding: TextEncodingName,
  bomLength: number,
  onBytes?: (consumed: number) => void,
  tried: readonly string[] = [encoding],
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let offset = bomLength;
  const stream = createReadStream(path, { start: bomLength, highWaterMark: CHUNK_BYTES });
  const big5 = encoding === 'big5' ? new Big5Checker() : null;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const bad = big5 ? big5.check(chunk) : -1;
    if (bad >= 0) {
      stream.destroy();
      throw undecodable(offset + bad, tried);
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      stream.destroy();
      throw undecodable(offset + Math.max(firstInvalidOffset(chunk, encoding), 0), tried);
    }
    offset += chunk.length;
    onBytes?.(offset);
    if (text) yield text;
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw undecodable(offset, tried);
  }
  if (big5?.incomplete) throw undecodable(offset - 1, tried);
  if (tail) yield tail;
}

/** Same contract as decodeFile for a text already in memory (spreadsheet/JSON converters). */
export async function* fromStrings(parts: Iterable<string>): AsyncGenerator<string> {
  for (const p of parts) yield p;
}
