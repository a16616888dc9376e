import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { Big5ToUtf8 } from './big5-check.ts';
import { firstInvalidOffset, type TextEncodingName } from './encoding.ts';
import { undecodable } from './load-errors.ts';

/** Size of each read; large enough to amortize per-chunk work, small enough to keep memory flat. Reads go
 * into one reused buffer: fresh memory for every read costs more (page faults) than reading it. */
export const CHUNK_BYTES = 1 << 18;

/** Length of the UTF-8 sequence a lead byte starts (1 for ASCII and for bytes that cannot lead). */
const sequenceLength = (lead: number): number => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);

/** Bytes at the end of `b` that start a character the next chunk finishes (0-3). */
function cutTail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back]!;
    if ((c & 0xc0) !== 0x80) return sequenceLength(c) > back ? back : 0;
  }
  return 0;
}

/**
 * Strict UTF-8 validation chunk by chunk (a character cut by a chunk end is checked with the next chunk).
 * `check` returns null, or the offset of the first invalid byte relative to the chunk's start (negative
 * when it is one of the previous chunk's last bytes).
 */
class Utf8Checker {
  /** The previous chunk's last bytes, a character the next chunk finishes (0-3 bytes, then appended to). */
  private readonly held = Buffer.alloc(8);
  private heldLength = 0;

  check(chunk: Uint8Array): number | null {
    const carried = this.heldLength;
    if (this.valid(chunk)) return null;
    // Rare: find the exact byte, reading the carried bytes and this chunk as one.
    const joined = Buffer.concat([this.held.subarray(0, carried), chunk]);
    return Math.max(firstInvalidOffset(joined, 'utf-8'), 0) - carried;
  }

  private valid(chunk: Uint8Array): boolean {
    let from = 0;
    if (this.heldLength > 0) {
      const need = sequenceLength(this.held[0]!) - this.heldLength;
      const take = Math.min(need, chunk.length);
      if (!isUtf8(Buffer.concat([this.held.subarray(0, this.heldLength), chunk.subarray(0, take)]))) {
        if (take === need) return false;
        // Still short of a whole character (a tiny last chunk): keep waiting unless it is already wrong.
        if (firstInvalidOffset(Buffer.concat([this.held.subarray(0, this.heldLength), chunk]), 'utf-8') >= 0)
          return false;
        this.held.set(chunk, this.heldLength);
        this.heldLength += chunk.length;
        return true;
      }
      from = take;
    }
    const tail = cutTail(chunk.subarray(from));
    if (!isUtf8(chunk.subarray(from, chunk.length - tail))) return false;
    this.held.set(chunk.subarray(chunk.length - tail), 0);
    this.heldLength = tail;
    return true;
  }

  /** True when the input ended in the middle of a character. */
  get incomplete(): boolean {
    return this.heldLength > 0;
  }
}

/**
 * Streams a text file as chunks of UTF-8 bytes, strictly: an invalid byte sequence stops the load with an
 * error naming its byte offset (never a U+FFFD in the data). UTF-8 is validated and passed through, Big5
 * transcoded through its pair table, UTF-16 decoded and re-encoded. A chunk may end inside a character,
 * and is only valid until the next one is asked for (the buffers are reused). `onBytes` reports bytes consumed.
 */
export async function* readAsUtf8(
  path: string,
  encoding: TextEncodingName,
  bomLength: number,
  onBytes?: (consumed: number) => void,
  tried: readonly string[] = [encoding],
): AsyncGenerator<Buffer> {
  let offset = bomLength;
  const utf8 = encoding === 'utf-8' ? new Utf8Checker() : null;
  const big5 = encoding === 'big5' ? new Big5ToUtf8() : null;
  const utf16 = utf8 || big5 ? null : new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  // Two input buffers: the next chunk is read while the caller works on this one.
  let filling = Buffer.allocUnsafe(CHUNK_BYTES);
  let spare = Buffer.allocUnsafe(CHUNK_BYTES);
  const transcoded = big5 ? Buffer.allocUnsafe(Big5ToUtf8.maxOutput(CHUNK_BYTES)) : null;
  const fh = await open(path, 'r');
  let reading: Promise<{ bytesRead: number }> | null = fh.read(filling, 0, CHUNK_BYTES, offset);
  try {
    for (;;) {
      const { bytesRead }: { bytesRead: number } = await reading;
      reading = null;
      if (bytesRead === 0) break;
      const chunk = filling.subarray(0, bytesRead);
      [filling, spare] = [spare, filling];
      reading = fh.read(filling, 0, CHUNK_BYTES, offset + bytesRead);
      let out: Buffer;
      if (utf8) {
        const bad = utf8.check(chunk);
        if (bad !== null) throw undecodable(offset + bad, tried);
        out = chunk;
      } else if (big5) {
        out = big5.transcode(chunk, transcoded!);
        if (big5.bad >= 0) throw undecodable(offset + big5.bad, tried);
      } else {
        let text: string;
        try {
          text = utf16!.decode(chunk, { stream: true });
        } catch {
          throw undecodable(offset + Math.max(firstInvalidOffset(chunk, encoding), 0), tried);
        }
        out = Buffer.from(text, 'utf8');
      }
      offset += bytesRead;
      onBytes?.(offset);
      if (out.length > 0) yield out;
    }
  } finally {
    await reading?.catch(() => undefined);
    await fh.close();
  }
  // Input ending inside a character: the error names the end of the file (as the decoder's flush did).
  if (big5?.incomplete || utf8?.incomplete) throw undecodable(offset, tried);
  if (utf16) {
    let tail: string;
    try {
      tail = utf16.decode();
    } catch {
      throw undecodable(offset, tried);
    }
    if (tail) yield Buffer.from(tail, 'utf8');
  }
}

/** Same contract as readAsUtf8 for text already in memory (spreadsheet/JSON converters). */
export async function* fromStrings(parts: Iterable<string>): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p, 'utf8');
}
