/** Running GDAL's ogrinfo (Debian's gdal-bin) from tests: report files must read back clean. */
import { spawnSync } from 'node:child_process';

export const HAS_OGRINFO = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' }).status === 0;

interface Run {
  readonly status: number | null;
  readonly out: string;
}

function ogrinfo(args: readonly string[]): Run {
  const r = spawnSync('ogrinfo', [...args], { encoding: 'utf8', env: { ...process.env, CPL_DEBUG: 'OFF' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}${r.error === undefined ? '' : String(r.error)}` };
}

/** ogrinfo that must exit 0 and say nothing about warnings or errors. */
export function cleanOgrinfo(args: readonly string[]): string {
  const { status, out } = ogrinfo(args);
  expect({ status, warnings: out.split('\n').filter((l) => /warning|error/i.test(l)) }).toEqual({ status: 0, warnings: [] });
  return out;
}

/** "Layer name: X … Feature Count: N" for each layer of `ogrinfo -al -so`. */
export function featureCounts(summary: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of summary.matchAll(/Layer name: (.+)\n[\s\S]*?Feature Count: (\d+)/g)) counts[m[1]!.trim()] = Number(m[2]);
  return counts;
}

/** The POINT (lon lat) that follows `field (String) = value` in `ogrinfo -al` output. */
export function pointOf(listing: string, field: string, value: string): [number, number] {
  const at = listing.indexOf(`${field} (String) = ${value}\n`);
  expect(at).toBeGreaterThanOrEqual(0);
  const m = /POINT \((-?[\d.]+) (-?[\d.]+)\)/.exec(listing.slice(at));
  expect(m).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

export const CSV_OPEN = ['-oo', 'X_POSSIBLE_NAMES=lon', '-oo', 'Y_POSSIBLE_NAMES=lat', '-oo', 'KEEP_GEOM_COLUMNS=NO', '-oo', 'AUTODETECT_TYPE=YES'];
export const LIBKML = ['--config', 'GDAL_SKIP', 'KML'];
export const KML = ['--config', 'GDAL_SKIP', 'LIBKML'];

