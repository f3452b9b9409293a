import busboy from 'busboy';
import type { Request } from 'express';
import { isAppError } from '../errors';
import { checkFilename } from '../ingest/check-filename';
import { imageSize } from '../image/sharp-image';
import { describeNonImage, endsLikeCompleteImage } from '../image/sniff-image';
import type { IncomingFile, Originals, StoredOriginal } from '../store/originals';
import { JPEG_HEADER_BYTES, readHead } from '../store/read-head';
import { HttpError } from './http-error';

export interface UploadLimits {
  /** Per file; a longer file is refused (FILE_TOO_LARGE) and nothing of it is kept. */
  readonly maxFileBytes: number;
  readonly maxFilesPerRequest: number;
  /** Pixel limit read from the header (image bombs). */
  readonly maxPixels: number;
  /**
   * Upload requests read at once; the others wait, unread, with TCP holding their senders back. Twenty
   * streams parsed at once leave the event loop no time for anything else; a few keep the disk just as busy.
   */
  readonly concurrentUploads: number;
  /**
   * A request body that sends nothing for this long is answered 408 and its connection closed, its
   * temporary files removed: a stalled client must not hold a socket and a file. Absent: no limit.
   */
  readonly idleMs?: number;
}

export interface Rejection {
  readonly filename: string;
  readonly code: string;
  readonly message: string;
}

export type Received =
  | { readonly ok: true; readonly filename: string; readonly mediaType: string; readonly stored: StoredOriginal }
  | ({ readonly ok: false } & Rejection);

class Refused extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const MEDIA_TYPES: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff', webp: 'image/webp', heif: 'image/heif' };

/**
 * Reads a multipart upload (field `photos`, many files), streaming each file to disk while hashing it
 * (memory does not grow with file size), and checks each from its bytes: not empty, within the size
 * limit, an image by its signature (not by its name or the client's content type), not cut off, a header
 * that gives a size within the pixel limit. Each file is accepted or refused on its own.
 */
export function receivePhotos(req: Request, originals: Originals, limits: UploadLimits): Promise<Received[]> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        preservePath: true, // see the client's name as sent, so a name with a folder in it is refused, not cut
        defParamCharset: 'utf8',
        limits: { fileSize: limits.maxFileBytes, files: limits.maxFilesPerRequest, fields: 20, fieldSize: 4096, parts: limits.maxFilesPerRequest + 20 },
      });
    } catch (e) {
      reject(new HttpError(400, 'BAD_REQUEST', `send multipart/form-data with files in the field "photos" (${(e as Error).message})`));
      return;
    }
    const results: Promise<Received>[] = [];
    const open = new Set<NodeJS.ReadableStream & { destroy(e?: Error): void }>();
    let tooMany = false;
    // A client that goes away mid-file: busboy would wait for the rest for ever; end the file streams with
    // an error instead, so each temporary file is removed and nothing of the cut-off upload is kept.
    req.once('close', () => {
      if (req.complete) return;
      const cut = new Error('the client closed the connection before the upload ended');
      for (const stream of open) stream.destroy(cut);
      reject(new HttpError(400, 'BAD_UPLOAD', cut.message));
    });
    if (limits.idleMs) stopWhenIdle(req, limits.idleMs, (idle) => {
      for (const stream of open) stream.destroy(idle);
      req.unpipe(bb);
      reject(idle);
    });
    bb.on('file', (field, stream, info) => {
      const raw = info.filename ?? '';
      if (field !== 'photos') {
        stream.resume();
        results.push(Promise.resolve({ ok: false, filename: raw, code: 'UNEXPECTED_FIELD', message: `files go in the field "photos", not "${field}"` }));
        return;
      }
      const name = checkFilename(raw);
      if (!name.ok) {
        stream.resume();
        results.push(Promise.resolve({ ok: false, filename: raw, code: 'BAD_FILENAME', message: name.message }));
        return;
      }
      open.add(stream);
      stream.once('close', () => open.delete(stream));
      results.push(receiveOne(stream, name.name, originals, limits).catch((e: Error) => ({ ok: false as const, filename: name.name, code: 'BAD_UPLOAD', message: `${name.name}: ${e.message}` })));
    });
    bb.on('filesLimit', () => { tooMany = true; });
    bb.on('error', (e: Error) => reject(new HttpError(400, 'BAD_UPLOAD', `the upload was cut off or malformed: ${e.message}`)));
    bb.on('close', () => {
      Promise.all(results).then((all) => {
        if (tooMany) all.push({ ok: false, filename: '', code: 'TOO_MANY_FILES', message: `at most ${limits.maxFilesPerRequest} files per request; send the rest in another request` });
        resolve(all);
      }, reject);
    });
    req.pipe(bb);
  });
}

/**
 * Arms the socket's inactivity timer for the body: after `ms` without a byte, `stop` gets a 408 error, the
 * answer goes out with `Connection: close` and the socket is destroyed once it is written (the rest of a
 * body that never comes cannot be read through). The timer is disarmed when the body has been read.
 */
function stopWhenIdle(req: Request, ms: number, stop: (e: HttpError) => void): void {
  const socket = req.socket;
  const onIdle = (): void => {
    if (req.res?.headersSent) { socket.destroy(); return; } // answered already (a refused upload): just let go
    const seconds = Math.round(ms / 100) / 10;
    req.res?.setHeader('Connection', 'close');
    req.res?.once('finish', () => socket.destroy());
    setTimeout(() => socket.destroy(), 5000).unref(); // whatever the answer does, the socket goes
    stop(new HttpError(408, 'UPLOAD_IDLE', `the upload sent nothing for ${seconds} s and was stopped; nothing of it was kept: send the photos again`));
  };
  // On the request, not the socket: node's own socket handler destroys a socket whose timeout nobody on the
  // request, the response or the server listens to, before any answer could be written.
  req.setTimeout(ms);
  req.once('timeout', onIdle);
  req.once('end', () => { socket.setTimeout(0); req.off('timeout', onIdle); });
}

async function receiveOne(stream: NodeJS.ReadableStream & { truncated?: boolean }, filename: string, originals: Originals, limits: UploadLimits): Promise<Received> {
  let mediaType = 'application/octet-stream';
  try {
    const stored = await originals.putStream(stream, async (f) => { mediaType = await checkUpload(f, stream.truncated === true, limits); });
    return { ok: true, filename, mediaType, stored };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, filename, code: e.code, message: `${filename}: ${e.message}` };
    throw e;
  }
}

async function checkUpload(f: IncomingFile, truncated: boolean, limits: UploadLimits): Promise<string> {
  if (truncated) throw new Refused('FILE_TOO_LARGE', `larger than the limit of ${limits.maxFileBytes} bytes per file`);
  if (f.bytes === 0) throw new Refused('EMPTY_FILE', 'the file is empty (0 bytes)');
  const notImage = describeNonImage(f.head);
  if (notImage) throw new Refused('NOT_AN_IMAGE', `${notImage}`);
  if (!endsLikeCompleteImage(f.head, f.tail)) throw new Refused('TRUNCATED_IMAGE', 'the JPEG has no end-of-image marker: it was cut off in transfer, send it again');
  try {
    const jpeg = f.head[0] === 0xff && f.head[1] === 0xd8;
    const size = await imageSize(jpeg ? await readHead(f.path, JPEG_HEADER_BYTES) : f.path);
    if (size.width * size.height > limits.maxPixels) {
      throw new Refused('IMAGE_TOO_LARGE', `${size.width}x${size.height} pixels exceeds the limit of ${limits.maxPixels} pixels`);
    }
    return MEDIA_TYPES[size.format] ?? `image/${size.format}`;
  } catch (e) {
    if (e instanceof Refused) throw e;
    if (isAppError(e) && e.code !== 'IMAGE_TOO_LARGE' && f.head[0] === 0xff && f.bytes > JPEG_HEADER_BYTES && /truncated|premature/i.test(e.message)) {
      throw new Refused('UNREADABLE_IMAGE', `no JPEG frame header in the first ${JPEG_HEADER_BYTES / 1024 / 1024} MiB: a camera's photo has it near the start`);
    }
    if (isAppError(e)) throw new Refused(e.code === 'IMAGE_TOO_LARGE' ? 'IMAGE_TOO_LARGE' : 'UNREADABLE_IMAGE', e.message.replace(/^.*?: /, ''));
    throw e;
  }
}

/** The HTTP status for a request whose every file was refused: the files' shared reason, else 422. */
export function statusForRejections(rejected: readonly Rejection[]): number {
  const STATUS: Record<string, number> = {
    FILE_TOO_LARGE: 413, IMAGE_TOO_LARGE: 413, NOT_AN_IMAGE: 415, EMPTY_FILE: 400, BAD_FILENAME: 400,
    UNEXPECTED_FIELD: 400, TOO_MANY_FILES: 413, TRUNCATED_IMAGE: 422, UNREADABLE_IMAGE: 422,
  };
  const codes = new Set(rejected.map((r) => r.code));
  return codes.size === 1 ? (STATUS[[...codes][0]!] ?? 422) : 422;
}
