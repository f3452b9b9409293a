import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * Originals, stored unchanged and named by their SHA-256: <root>/ab/abcdef… . Uploads are first streamed
 * to a temporary file under <root>/incoming (memory never grows with file size), hashed while streaming,
 * then renamed into place, atomically; a second copy of the same bytes is dropped, never written twice.
 */
export interface StoredOriginal {
  readonly sha256: string;
  readonly bytes: number;
  readonly path: string;
  /** False when these bytes were already stored. */
  readonly created: boolean;
}

/** What a check sees of an upload before it is kept. */
export interface IncomingFile {
  readonly path: string;
  readonly head: Buffer;
  readonly tail: Buffer;
  readonly bytes: number;
}

const HEAD_BYTES = 4096;
const TAIL_BYTES = 64;

export class Originals {
  constructor(readonly root: string) {
    fs.mkdirSync(path.join(root, 'incoming'), { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError(`not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  /** A fresh temporary path under incoming/ for an upload in progress. */
  incomingPath(): string {
    return path.join(this.root, 'incoming', `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  }

  /**
   * Streams `source` to a temporary file while hashing it, then keeps it by checksum. `check` sees the
   * file before it is kept (its first 4 KiB, last 64 bytes, size and temporary path) and throws to refuse
   * it: a refused upload never reaches the originals.
   */
  async putStream(source: NodeJS.ReadableStream, check?: (f: IncomingFile) => Promise<void> | void): Promise<StoredOriginal> {
    const tmp = this.incomingPath();
    const hash = createHash('sha256');
    let bytes = 0;
    let head = Buffer.alloc(0);
    let tail = Buffer.alloc(0);
    try {
      await pipeline(source, async function* (chunks: AsyncIterable<string | Buffer>) {
        for await (const chunk of chunks) {
          const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          hash.update(b);
          bytes += b.length;
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, b.subarray(0, HEAD_BYTES - head.length)]);
          tail = Buffer.concat([tail, b.subarray(Math.max(0, b.length - TAIL_BYTES))]).subarray(-TAIL_BYTES);
          yield b;
        }
      }, fs.createWriteStream(tmp, { flags: 'wx' }));
      await check?.({ path: tmp, head, tail, bytes });
      return this.keep(tmp, hash.digest('hex'), bytes);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  }

  private keep(tmp: string, sha256: string, bytes: number): StoredOriginal {
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) {
      fs.rmSync(tmp, { force: true });
      return { sha256, bytes, path: target, created: false };
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(tmp, target);
    fs.chmodSync(target, 0o444);
    return { sha256, bytes, path: target, created: true };
  }
}
