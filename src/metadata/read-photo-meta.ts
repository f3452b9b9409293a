import { open } from 'node:fs/promises';
import * as exifr from 'exifr';
import { AppError } from '../errors';
import type { PhotoMeta } from './photo-meta';
import type { RawPhotoMeta } from './normalize-meta';
import { normalizeMeta } from './normalize-meta';
import type { XmpNamespaces } from './xmp-attitude';

/**
 * The exifr adapter (the one file that imports exifr): photo path or bytes → raw blocks → normalizeMeta.
 *
 * Input: JPEG, TIFF, HEIC/AVIF, PNG (whatever exifr reads) or a bare XMP packet (a .xmp sidecar, e.g. the DJI
 * thermal xmp1.xml fixture): a sidecar gives attitude and altitudes, and its camera, size and position missing.
 * exifr.parse is used, not exifr.gps(), which misses the position in some TIFFs (the XT2 fixture 002.tiff).
 * Errors: NOT_FOUND (no such file), IO (other file-system failures; retryable when transient),
 * UNREADABLE_IMAGE (empty, or not an image or XMP at all), BAD_METADATA (an image whose metadata is broken,
 * e.g. a truncated JPEG header). A readable image without any metadata is not an error: every field is missing.
 */
const OPTIONS: Parameters<typeof exifr.parse>[1] = {
  ifd0: {}, // always on in exifr (its typings take options only)
  exif: true,
  gps: true,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  // Raw XMP string, parsed below on its own: parsed here exifr would merge XMP tiff:/exif: into IFD0/EXIF.
  xmp: { parse: false },
  multiSegment: true,
  translateValues: false,
  reviveValues: false,
  mergeOutput: false,
  // silentErrors stays at its default (true): a broken segment lands in output.errors, the rest is kept.
};

const TRANSIENT_FS = new Set(['EMFILE', 'ENFILE', 'EAGAIN', 'EBUSY', 'ETIMEDOUT', 'EIO']);
const SNIFF_BYTES = 1024;

export async function readPhotoMeta(input: string | Buffer): Promise<PhotoMeta> {
  return normalizeMeta(await readRawMeta(input));
}

async function readRawMeta(input: string | Buffer): Promise<RawPhotoMeta> {
  const label = typeof input === 'string' ? input : `buffer of ${input.length} bytes`;
  if (Buffer.isBuffer(input) && input.length === 0) throw new AppError('UNREADABLE_IMAGE', `${label}: empty input`);
  let out: unknown;
  try {
    out = await exifr.parse(input, OPTIONS);
  } catch (e) {
    if (isFsError(e)) throw fsError(e, label);
    if (message(e).includes('Unknown file format')) return readSidecar(input, label);
    throw new AppError('BAD_METADATA', `${label}: metadata could not be parsed (${message(e)})`, { cause: e });
  }
  if (out === undefined || out === null) return {};
  if (typeof out !== 'object') throw new AppError('BAD_METADATA', `${label}: unexpected metadata reader output`);
  const blocks = out as Record<string, unknown>;
  const raw: RawPhotoMeta = {
    ifd0: block(blocks.ifd0),
    exif: block(blocks.exif),
    gps: block(blocks.gps),
    xmp: typeof blocks.xmp === 'string' ? await parseXmp(Buffer.from(blocks.xmp, 'utf8')) : undefined,
  };
  const errors = Array.isArray(blocks.errors) ? blocks.errors : [];
  if (errors.length > 0 && !raw.ifd0 && !raw.exif && !raw.gps && !raw.xmp) {
    throw new AppError('BAD_METADATA', `${label}: metadata is corrupt (${message(errors[0])})`, { cause: errors[0] });
  }
  return raw;
}

async function readSidecar(input: string | Buffer, label: string): Promise<RawPhotoMeta> {
  const head = Buffer.isBuffer(input) ? input.subarray(0, SNIFF_BYTES) : await readHead(input, label);
  const text = head.toString('utf8');
  if (!/<x:xmpmeta|<\?xpacket|<rdf:RDF/.test(text)) {
    const kind = /<!doctype html|<html/i.test(text) ? 'an HTML document' : 'not a JPEG, TIFF, HEIC or PNG image';
    throw new AppError('UNREADABLE_IMAGE', `${label}: ${kind}, and not an XMP sidecar either`);
  }
  const xmp = await parseXmp(input);
  return xmp ? { xmp } : {};
}

async function parseXmp(data: string | Buffer): Promise<XmpNamespaces | undefined> {
  try {
    return block(await exifr.sidecar(data, undefined, 'xmp')) as XmpNamespaces | undefined;
  } catch {
    return undefined; // an unreadable XMP packet loses the XMP fields only, which are then reported missing
  }
}

async function readHead(path: string, label: string): Promise<Buffer> {
  try {
    const file = await open(path, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await file.read(buf, 0, SNIFF_BYTES, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (e) {
    throw isFsError(e) ? fsError(e, label) : e;
  }
}

function block(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Duck-typed: errors from another realm (a test runner's VM context) fail `instanceof Error`. */
function isFsError(e: unknown): e is NodeJS.ErrnoException {
  if (e === null || typeof e !== 'object') return false;
  const { code, syscall } = e as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof syscall === 'string';
}

function fsError(e: NodeJS.ErrnoException, label: string): AppError {
  if (e.code === 'ENOENT') return new AppError('NOT_FOUND', `${label}: no such file`, { cause: e });
  if (e.code === 'EISDIR') return new AppError('UNREADABLE_IMAGE', `${label}: is a directory`, { cause: e });
  return new AppError('IO', `${label}: ${e.message}`, { cause: e, retryable: TRANSIENT_FS.has(e.code ?? '') });
}

function message(e: unknown): string {
  if (e !== null && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') return (e as Error).message;
  return String(e);
}
