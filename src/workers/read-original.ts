import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';

/** Where a worker gets originals: the server's own folder (same machine), or the API with a worker token. */
export type OriginalSource =
  | { readonly kind: 'local'; readonly dir: string }
  | { readonly kind: 'api'; readonly api: string; readonly token: string };

export function originalSourceFromEnv(env: NodeJS.ProcessEnv): OriginalSource {
  if (env.OUTFALL_ORIGINALS_DIR) return { kind: 'local', dir: env.OUTFALL_ORIGINALS_DIR };
  if (env.OUTFALL_API && env.OUTFALL_WORKER_TOKEN) return { kind: 'api', api: env.OUTFALL_API.replace(/\/+$/, ''), token: env.OUTFALL_WORKER_TOKEN };
  throw new AppError('USAGE', 'a worker needs OUTFALL_ORIGINALS_DIR (same machine as the server) or OUTFALL_API and OUTFALL_WORKER_TOKEN');
}

/**
 * The original's bytes, checked against its SHA-256 (a worker never analyses bytes other than the ones the
 * pilot uploaded). Network and server errors are retryable; a missing photo or a refused token is not.
 */
export async function readOriginal(source: OriginalSource, photoId: string, sha256: string): Promise<Buffer> {
  const bytes = source.kind === 'local'
    ? await readLocal(path.join(source.dir, sha256.slice(0, 2), sha256))
    : await fetchOriginal(source, photoId);
  const got = createHash('sha256').update(bytes).digest('hex');
  if (got !== sha256) throw new AppError('IO', `photo ${photoId}: got bytes with SHA-256 ${got.slice(0, 12)}…, expected ${sha256.slice(0, 12)}…`, { retryable: true });
  return bytes;
}

async function readLocal(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `original ${file}: ${(e as Error).message}`, { cause: e, retryable: code !== 'ENOENT' });
  }
}

async function fetchOriginal(source: Extract<OriginalSource, { kind: 'api' }>, photoId: string): Promise<Buffer> {
  const url = `${source.api}/api/v1/photos/${encodeURIComponent(photoId)}/original`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${source.token}` }, signal: AbortSignal.timeout(120_000) });
  } catch (e) {
    throw new AppError('IO', `GET ${url}: ${(e as Error).message}`, { cause: e, retryable: true });
  }
  if (!res.ok) {
    const retryable = res.status >= 500 || res.status === 429;
    throw new AppError(res.status === 404 ? 'NOT_FOUND' : 'IO', `GET ${url}: HTTP ${res.status} ${await res.text().catch(() => '')}`.trim(), { retryable });
  }
  return Buffer.from(await res.arrayBuffer());
}
