import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/load-config';
import { AppError } from '../errors';
import { analyzePhotos } from '../pipeline/analyze-photos';
import { createPhotoAdapters } from '../pipeline/create-photo-adapters';
import { runWarnings } from '../pipeline/run-warnings';
import type { PhotoResult } from '../pipeline/photo-result';
import { writeReport, type ReportFormat } from '../report/write-report';
import { findPhotos } from './find-photos';
import { startProgress } from './progress';
import { VERSION } from './version';

export interface AnalyzeFlags {
  out?: string;
  format?: ReportFormat;
  model?: string;
  threshold?: number;
  footprints: boolean;
  checkHeadings: boolean;
  concurrency?: number;
  quiet: boolean;
}

export async function runAnalyze(paths: string[], flags: AnalyzeFlags, config: Config): Promise<number> {
  const format = flags.format ?? formatFromName(flags.out) ?? 'geojson';
  const files = await findPhotos(paths);
  if (files.length === 0) throw new AppError('USAGE', `no photos (.jpg .jpeg .png .tif .tiff) under ${paths.join(', ')}`);

  const started = performance.now();
  const analyzer = await createPhotoAdapters({
    modelDir: flags.model ? path.resolve(flags.model) : config.modelDir,
    threads: config.threads,
    batchSize: config.batchSize,
    maxPixels: config.maxPixels,
    threshold: flags.threshold,
  });
  const progress = startProgress(files.length, !flags.quiet);
  try {
    const result = await analyzePhotos(files, analyzer.adapters, {
      trainingGsd: analyzer.model.trainingGsd,
      concurrency: flags.concurrency ?? config.concurrency,
      footprints: flags.footprints,
      checkHeadings: flags.checkHeadings,
      onPhotoDone: (done) => progress.tick(done),
    });
    progress.stop();
    for (const f of result.failures) process.stderr.write(`failed: ${f.photo}: ${f.code}: ${f.message}\n`);
    const warnings = runWarnings(result);
    for (const w of warnings) process.stderr.write(`warning: ${w.message}\n`);
    const text = writeReport(result.report, format, {
      version: VERSION,
      model: `${analyzer.model.name}@${analyzer.model.version}`,
      photos: result.photos.length + result.failures.length,
      failures: result.failures.map((f) => ({ photo: f.photo, code: f.code, message: f.message })),
      warnings,
    });
    await emit(text, flags.out);
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(summary(result.photos, result.failures.length, result.report.hotspots.length, seconds, flags.out) + '\n');
    return 0;
  } finally {
    progress.stop();
    await analyzer.close();
  }
}

function formatFromName(out: string | undefined): ReportFormat | null {
  const ext = out ? path.extname(out).toLowerCase() : '';
  if (ext === '.csv') return 'csv';
  if (ext === '.kml') return 'kml';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  return null;
}

async function emit(text: string, out: string | undefined): Promise<void> {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  // Write beside the target and rename, so a crash never leaves half a report under the real name.
  const tmp = `${out}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, out);
}

function summary(photos: readonly PhotoResult[], failures: number, hotspots: number, seconds: number, out?: string): string {
  const total = photos.length + failures;
  const detections = photos.reduce((n, p) => n + p.detections.length, 0);
  return (
    `outfall-scout: ${total} photos, ${hotspots} hotspots (${detections} sightings), ${failures} failed, ` +
    `${seconds.toFixed(1)} s (${(total / Math.max(seconds, 1e-3)).toFixed(2)} photos/s)` +
    (out ? ` -> ${out}` : '')
  );
}
