import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';

const PHOTO = /\.(jpe?g|png|tiff?)$/i;

/**
 * The photos named by the command line: files as given (whatever their extension: the user asked for
 * them), folders searched recursively for .jpg .jpeg .png .tif .tiff in any case. Sorted within each
 * folder so runs are reproducible; a file named twice is analysed once.
 */
export async function findPhotos(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => null);
    if (!stat) throw new AppError('USAGE', `no such file or folder: ${p}`);
    if (stat.isDirectory()) found.push(...(await walk(p)));
    else found.push(p);
  }
  return [...new Set(found.map((f) => path.resolve(f)))];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && PHOTO.test(e.name)) out.push(full);
  }
  return out;
}
