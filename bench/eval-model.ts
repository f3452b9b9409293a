/**
 * `npm run eval -- [--model DIR] [--heldout DIR] [--threshold T]`: runs the real pipeline (the code path of
 * `outfall-scout analyze`) on a held-out generated set (a folder of photos with truth.json, made by
 * `/usr/bin/python3 -m models.training.make_heldout --out DIR`) and on the real photos of ../shared/data,
 * which show no discharge. Prints precision, recall and F1 of source points (a hit is within 5% of the
 * photo width of a true source), the median source error in pixels and metres, false alarms per real
 * photo, and the time per photo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../src/config/load-config';
import { PROJECT_ROOT } from '../src/config/project-root';
import { scoreSources, type ScoredPhoto } from '../src/evaluation/score-sources';
import { analyzePhotos, type FlightResult } from '../src/pipeline/analyze-photos';
import { createPhotoAdapters, type Analyzer } from '../src/pipeline/create-photo-adapters';

interface Truth {
  photos: { file: string; width: number; sources: { pixel: [number, number]; lonLat: [number, number] }[] }[];
}

const REAL = ['real-photos', 'real-water'].map((d) => path.join(PROJECT_ROOT, '..', 'shared', 'data', d));

async function main(): Promise<void> {
  const opts = new Command('eval')
    .option('--model <dir>', 'model folder (default: the default model)')
    .option('--heldout <dir>', 'held-out photos with truth.json', '/tmp/outfall-heldout')
    .option('--threshold <t>', 'confidence threshold (default: the model\'s)', Number)
    .option('--json <file>', 'also write the figures as JSON')
    .parse()
    .opts<{ model?: string; heldout: string; threshold?: number; json?: string }>();
  const config = loadConfig(process.env);
  const analyzer = await createPhotoAdapters({ ...config, modelDir: opts.model ? path.resolve(opts.model) : config.modelDir, threshold: opts.threshold });
  console.log(`eval: model ${analyzer.model.name}@${analyzer.model.version}, threads ${config.threads}`);
  const figures: Record<string, unknown> = { model: `${analyzer.model.name}@${analyzer.model.version}`, threshold: opts.threshold ?? null };
  try {
    const truthFile = path.join(opts.heldout, 'truth.json');
    if (fs.existsSync(truthFile)) figures.heldout = await heldout(analyzer, opts.heldout, JSON.parse(fs.readFileSync(truthFile, 'utf8')) as Truth);
    else console.log(`eval: no held-out set at ${opts.heldout} (make one: /usr/bin/python3 -m models.training.make_heldout --out ${opts.heldout})`);
    const real = REAL.filter((d) => fs.existsSync(d));
    if (real.length > 0) figures.real = await realPhotos(analyzer, real);
    else console.log('eval: ../shared/data is absent: no real photos to count false alarms on');
  } finally {
    await analyzer.close();
  }
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(figures, null, 2) + '\n');
}

async function heldout(analyzer: Analyzer, dir: string, truth: Truth): Promise<object> {
  const files = truth.photos.map((p) => path.join(dir, p.file));
  const { result, seconds } = await run(analyzer, files);
  const byName = new Map(result.photos.map((p) => [p.photo, p]));
  const scored: ScoredPhoto[] = truth.photos.map((t) => ({
    photo: t.file,
    width: t.width,
    truth: t.sources.map((s) => ({ pixel: s.pixel, lonLat: s.lonLat })),
    found: (byName.get(t.file)?.observations ?? []).map((o) => ({ pixel: o.pixel, ground: o.ground, confidence: o.confidence })),
  }));
  const s = scoreSources(scored);
  const negatives = truth.photos.filter((p) => p.sources.length === 0).length;
  console.log(`eval: held-out ${truth.photos.length} photos (${truth.photos.length - negatives} with a discharge), ${result.failures.length} failed`);
  console.log(`eval:   precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (TP ${s.truePositives}, FP ${s.falsePositives}, FN ${s.falseNegatives})`);
  console.log(`eval:   median source error ${fmt(s.medianErrorPx, 1)} px, ${fmt(s.medianErrorM, 2)} m`);
  console.log(`eval:   time per photo ${(seconds / files.length).toFixed(2)} s (${describeSizes(result)})`);
  const misses = s.missed.map((m) => `${m.photo} source ${m.index}`);
  const alarms = s.falseAlarms.map((a) => {
    const o = byName.get(a.photo)?.observations[a.index];
    return `${a.photo} @ ${o ? `${o.pixel.map((v) => v.toFixed(0)).join(',')} (${o.confidence.toFixed(2)})` : '?'}`;
  });
  return { photos: truth.photos.length, failures: result.failures.length, ...s, missed: misses, falseAlarms: alarms, secondsPerPhoto: seconds / files.length };
}

async function realPhotos(analyzer: Analyzer, dirs: string[]): Promise<object> {
  const files = dirs.flatMap((d) => walk(d)).filter((f) => /\.(jpe?g|png|tiff?)$/i.test(f));
  const { result, seconds } = await run(analyzer, files);
  const alarms = result.photos.flatMap((p) => p.detections.map((d) => `${path.relative(path.join(PROJECT_ROOT, '..', 'shared', 'data'), p.path)} @ ${d.source.map((v) => v.toFixed(0)).join(',')} (${d.confidence.toFixed(2)})`));
  console.log(`eval: real photos ${files.length} (no discharge in any), ${result.failures.length} failed`);
  console.log(`eval:   false alarms ${alarms.length}, per photo ${(alarms.length / files.length).toFixed(3)}`);
  for (const a of alarms) console.log(`eval:     ${a}`);
  console.log(`eval:   time per photo ${(seconds / files.length).toFixed(2)} s`);
  return { photos: files.length, failures: result.failures.length, falseAlarms: alarms.length, falseAlarmsPerPhoto: alarms.length / files.length, secondsPerPhoto: seconds / files.length, alarms };
}

async function run(analyzer: Analyzer, files: string[]): Promise<{ result: FlightResult; seconds: number }> {
  const t = performance.now();
  const result = await analyzePhotos(files, analyzer.adapters, { trainingGsd: analyzer.model.trainingGsd, concurrency: 1, footprints: false });
  return { result, seconds: (performance.now() - t) / 1000 };
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function describeSizes(result: FlightResult): string {
  const mp = result.photos.map((p) => ((p.meta.width ?? 0) * (p.meta.height ?? 0)) / 1e6);
  return mp.length ? `${Math.min(...mp).toFixed(1)}-${Math.max(...mp).toFixed(1)} MP photos` : 'no photos';
}

function fmt(v: number | null, digits: number): string {
  return v === null ? '-' : v.toFixed(digits);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
