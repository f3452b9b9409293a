/**
 * `npm run eval -- [--model DIR] [--threshold T] [--heldout DIR] [--scenes DIR] [--only heldout,scenes,real] [--json FILE]`:
 * the project's evaluation of a detector. Runs the real pipeline (the code path of `outfall-scout analyze`,
 * the model's threshold unless --threshold) on
 *
 *   held-out         the project's own generated held-out set (photos + truth.json; make it with
 *                    `/usr/bin/python3 -m models.training.make_heldout DIR`), default /tmp/outfall-heldout;
 *   eval-scenes-dev  ../shared/data/eval-scenes-dev: 40 photos from an outside renderer, for measuring only;
 *   real             the 30 real measuring photos of ../shared/data, none with a discharge (not the
 *                    training pool real-water/coastal-aerial-pool/).
 *
 * What is scored is what the report holds: the hotspots' observations, regrouped by photo. Scoring is
 * eval-scenes-dev's rule (src/evaluation/match-photo.ts). Prints precision, recall, F1, false positives per
 * photo without a discharge, recall by every attribute the truth gives, the median source error, the real
 * photos' false alarms, the time per photo, and a side-by-side summary; --json writes all of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../src/config/load-config';
import { PROJECT_ROOT } from '../src/config/project-root';
import { breakdownTable, falsePositiveTable } from '../src/evaluation/breakdown-table';
import { falsePositivesByWater } from '../src/evaluation/false-positives-by-water';
import { observationsByPhoto } from '../src/evaluation/observations-by-photo';
import { recallBreakdown } from '../src/evaluation/recall-breakdown';
import { scoreSources, type SourceScore } from '../src/evaluation/score-sources';
import { ratio, summaryTable } from '../src/evaluation/summary-table';
import { parseTruthSet, type TruthSet } from '../src/evaluation/truth-set';
import { parseModelManifest } from '../src/inference/model-manifest';
import { displayedSize } from '../src/metadata/photo-meta';
import { analyzePhotos, type FlightResult } from '../src/pipeline/analyze-photos';
import { createPhotoAdapters, type Analyzer } from '../src/pipeline/create-photo-adapters';

const DATA = path.join(PROJECT_ROOT, '..', 'shared', 'data');
/** The real measuring photos, exactly these folders' photos (no subfolders). */
const REAL_DIRS = ['real-photos/brighton-beach', 'real-water/coastal-aerial', 'real-water/noaa-nadir', 'real-water/drain-canal'];
const REAL_PHOTOS = 30;
const PHOTO = /\.(jpe?g|png|tiff?)$/i;
const SETS = ['heldout', 'scenes', 'real'] as const;
type SetName = (typeof SETS)[number];

interface Options { model?: string; threshold?: number; json?: string; heldout: string; scenes: string; only: Set<SetName> }

async function main(): Promise<void> {
  const opts = new Command('eval')
    .option('--model <dir>', 'model folder (default: the default model)')
    .option('--threshold <t>', 'confidence threshold 0..1 (default: the model\'s)', parseUnit)
    .option('--heldout <dir>', 'the project\'s held-out photos with truth.json', '/tmp/outfall-heldout')
    .option('--scenes <dir>', 'eval-scenes-dev photos with truth.json', path.join(DATA, 'eval-scenes-dev'))
    .addOption(new Option('--only <sets>', 'run only these sets, comma-separated').argParser(parseOnly).default(new Set<SetName>(SETS), SETS.join(',')))
    .option('--json <file>', 'also write every figure as JSON')
    .parse()
    .opts<Options>();
  const config = loadConfig(process.env);
  const modelDir = opts.model ? path.resolve(opts.model) : config.modelDir;
  const analyzer = await createPhotoAdapters({ ...config, modelDir, threshold: opts.threshold });
  const threshold = opts.threshold ?? parseModelManifest(JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8'))).thresholds.confidence;
  const model = `${analyzer.model.name}@${analyzer.model.version}`;
  console.log(`eval: model ${model}, threshold ${threshold}${opts.threshold === undefined ? ' (the model\'s)' : ''}, threads ${config.threads}`);
  let heldout: SetFigures | null = null, scenes: SetFigures | null = null, real: RealFigures | null = null;
  try {
    if (opts.only.has('heldout')) heldout = await truthSet(analyzer, 'held-out', opts.heldout, `make one: /usr/bin/python3 -m models.training.make_heldout ${opts.heldout}`);
    if (opts.only.has('scenes')) scenes = await truthSet(analyzer, 'eval-scenes-dev', opts.scenes, 'it lives in ../shared/data');
    if (opts.only.has('real')) real = await realPhotos(analyzer);
  } finally {
    await analyzer.close();
  }
  console.log('eval: summary');
  for (const l of summaryTable({ heldout: heldout?.score ?? null, scenes: scenes?.score ?? null, real })) console.log(`  ${l}`);
  if (opts.json) {
    fs.writeFileSync(opts.json, JSON.stringify({ model, threshold, heldout: heldout?.json ?? null, scenes: scenes?.json ?? null, real }, null, 2) + '\n');
    console.log(`eval: figures written to ${opts.json}`);
  }
}

interface SetFigures { score: SourceScore; json: object }

async function truthSet(analyzer: Analyzer, name: string, dir: string, hint: string): Promise<SetFigures | null> {
  const truthFile = path.join(dir, 'truth.json');
  if (!fs.existsSync(truthFile)) {
    console.log(`eval: ${name}: skipped, no ${truthFile} (${hint})`);
    return null;
  }
  const truth: TruthSet = parseTruthSet(JSON.parse(fs.readFileSync(truthFile, 'utf8')), truthFile);
  const { result, seconds } = await run(analyzer, truth.photos.map((p) => path.join(dir, p.file)));
  // The report's observations, regrouped by photo (identical to the per-photo observations: see observationsByPhoto).
  const reported = observationsByPhoto(result.report.hotspots);
  for (const p of result.photos) {
    const t = truth.photos.find((q) => path.basename(q.file) === p.photo);
    const shown = p.meta.width !== null && p.meta.height !== null ? displayedSize(p.meta.width, p.meta.height, p.meta.orientation).width : null;
    if (t && shown !== t.width) console.log(`eval: warning: ${p.photo} is ${shown ?? '?'} px wide, its truth says ${t.width}`);
  }
  const score = scoreSources(truth.photos.map((t) => ({ photo: t.file, width: t.width, truth: t.sources, found: reported.get(path.basename(t.file)) ?? [] })));
  const breakdowns = recallBreakdown(truth.photos, score.missed);
  const negatives = falsePositivesByWater(truth.photos, score.falseAlarms);
  const sources = truth.photos.reduce((n, p) => n + p.sources.length, 0);
  const perPhoto = seconds / truth.photos.length;
  console.log(`eval: ${name}: ${truth.photos.length} photos (${truth.photos.length - score.negativePhotos} with a discharge, ${sources} sources), ${result.failures.length} failed`);
  for (const f of result.failures) console.log(`eval:   failed ${f.photo}: ${f.code}: ${f.message}`);
  console.log(`eval:   found ${score.truePositives} of ${sources} sources: precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}  F1 ${score.f1.toFixed(3)}  (TP ${score.truePositives}, FP ${score.falsePositives}, FN ${score.falseNegatives})`);
  console.log(`eval:   false positives per photo without a discharge ${ratio(score.falsePositivesOnNegatives, score.negativePhotos)}`);
  console.log(`eval:   median source error ${fmt(score.medianErrorPx, 1)} px, ${fmt(score.medianErrorM, 2)} m`);
  console.log(`eval:   time per photo ${perPhoto.toFixed(2)} s`);
  for (const l of [...breakdownTable(breakdowns), ...falsePositiveTable(negatives)]) console.log(`eval:     ${l}`);
  const { missed, falseAlarms, ...figures } = score;
  const byFile = new Map(truth.photos.map((p) => [p.file, p]));
  return {
    score,
    json: {
      dir, photos: truth.photos.length, sources, failures: result.failures, ...figures, secondsPerPhoto: perPhoto,
      breakdowns, falsePositivesByWater: negatives,
      misses: missed.map((m) => ({ photo: m.photo, index: m.index, ...byFile.get(m.photo)!.sources[m.index]! })),
      alarms: falseAlarms.map((a) => ({ photo: a.photo, ...reported.get(path.basename(a.photo))![a.index]! })),
    },
  };
}

interface RealFigures { photos: number; failures: FlightResult['failures']; falseAlarms: number; falseAlarmsPerPhoto: number; secondsPerPhoto: number; alarms: { photo: string; pixel: [number, number]; confidence: number }[] }

async function realPhotos(analyzer: Analyzer): Promise<RealFigures | null> {
  const dirs = REAL_DIRS.filter((d) => fs.existsSync(path.join(DATA, d)));
  if (dirs.length === 0) {
    console.log(`eval: real: skipped, no ${DATA} (no real photos to count false alarms on)`);
    return null;
  }
  const files = dirs.flatMap((d) => fs.readdirSync(path.join(DATA, d), { withFileTypes: true })
    .filter((e) => e.isFile() && PHOTO.test(e.name)).map((e) => path.join(DATA, d, e.name)).sort());
  if (files.length !== REAL_PHOTOS) console.log(`eval: warning: ${files.length} real photos, expected ${REAL_PHOTOS} (in ${REAL_DIRS.join(', ')})`);
  const names = new Map(files.map((f) => [path.basename(f), path.relative(DATA, f)]));
  if (names.size !== files.length) throw new Error('two real photos share a file name: the report could not tell their observations apart');
  const { result, seconds } = await run(analyzer, files);
  const reported = observationsByPhoto(result.report.hotspots);
  const score = scoreSources(result.photos.map((p) => ({ photo: p.photo, width: p.meta.width ?? 0, truth: [], found: reported.get(p.photo) ?? [] })));
  const alarms = score.falseAlarms.map((a) => {
    const o = reported.get(a.photo)![a.index]!;
    return { photo: names.get(a.photo) ?? a.photo, pixel: o.pixel, confidence: o.confidence };
  });
  console.log(`eval: real: ${files.length} photos (no discharge in any), ${result.failures.length} failed`);
  for (const f of result.failures) console.log(`eval:   failed ${f.photo}: ${f.code}: ${f.message}`);
  console.log(`eval:   false alarms ${alarms.length} on ${files.length} photos (${(alarms.length / files.length).toFixed(3)} per photo)`);
  for (const a of alarms) console.log(`eval:     ${a.photo} @ ${a.pixel.map((v) => v.toFixed(0)).join(',')} (${a.confidence.toFixed(2)})`);
  console.log(`eval:   time per photo ${(seconds / files.length).toFixed(2)} s`);
  return { photos: files.length, failures: result.failures, falseAlarms: alarms.length, falseAlarmsPerPhoto: alarms.length / files.length, secondsPerPhoto: seconds / files.length, alarms };
}

async function run(analyzer: Analyzer, files: string[]): Promise<{ result: FlightResult; seconds: number }> {
  const t = performance.now();
  // As `analyze` runs by default (no footprints, no heading check), one photo at a time for honest timings.
  const result = await analyzePhotos(files, analyzer.adapters, { trainingGsd: analyzer.model.trainingGsd, concurrency: 1, footprints: false });
  return { result, seconds: (performance.now() - t) / 1000 };
}

function parseUnit(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

function parseOnly(v: string): Set<SetName> {
  const names = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(SETS as readonly string[]).includes(n));
  if (bad.length > 0 || names.length === 0) throw new InvalidArgumentError(`expected some of ${SETS.join(',')}`);
  return new Set(names as SetName[]);
}

function fmt(v: number | null, digits: number): string {
  return v === null ? '-' : v.toFixed(digits);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
