/**
 * `npm run calibrate -- --val DIR [--model DIR] [--extent 0.5] [--min-area 6] [--write]`: calibrates a heatmap
 * model's confidence and chooses its decoding thresholds on the project's own validation photos (made by
 * `/usr/bin/python3 -m models.training.make_heldout DIR --seed 11`), never on a measuring set.
 *
 * For each extent threshold and minimum region area given (comma-separated lists), runs the real pipeline
 * with a very low confidence threshold, scores every detection with eval-scenes-dev's rule
 * (src/evaluation/match-photo.ts), fits logistic scaling of the raw score (src/evaluation/fit-calibration.ts)
 * and picks the calibrated confidence threshold with the best F1 on these photos; the combination with the
 * best F1 wins. --write stores it in model.json (heatmap.calibration, thresholds.confidence, .extent,
 * .minAreaCells); the ONNX file and its SHA-256 are untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../src/config/load-config';
import { chooseThreshold, fitCalibration, type LabelledScore } from '../src/evaluation/fit-calibration';
import { matchPhoto } from '../src/evaluation/match-photo';
import { observationsByPhoto } from '../src/evaluation/observations-by-photo';
import { parseTruthSet } from '../src/evaluation/truth-set';
import { calibrateConfidence, type ConfidenceCalibration } from '../src/inference/calibrate-confidence';
import { parseModelManifest } from '../src/inference/model-manifest';
import { analyzePhotos } from '../src/pipeline/analyze-photos';
import { type AnalyzerSettings, createPhotoAdapters } from '../src/pipeline/create-photo-adapters';

const RAW_FLOOR = 0.02;

interface Trial {
  extent: number;
  minAreaCells: number;
  cal: ConfidenceCalibration;
  choice: ReturnType<typeof chooseThreshold>;
  calibrated: { confidence: number; truePositive: boolean }[];
  detections: number;
}

async function main(): Promise<void> {
  const opts = new Command('calibrate')
    .requiredOption('--val <dir>', 'validation photos with truth.json (the project\'s own, never a measuring set)')
    .option('--model <dir>', 'model folder (default: the default model)')
    .option('--extent <list>', 'extent thresholds to try, comma-separated (default: the model\'s)')
    .option('--min-area <list>', 'minimum region areas in cells to try, comma-separated (default: the model\'s)')
    .option('--write', 'store the calibration and the thresholds in the model\'s model.json')
    .parse()
    .opts<{ val: string; model?: string; extent?: string; minArea?: string; write?: boolean }>();
  const config = loadConfig(process.env);
  const modelDir = opts.model ? path.resolve(opts.model) : config.modelDir;
  const manifestFile = path.join(modelDir, 'model.json');
  const json = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown> & { heatmap: Record<string, unknown>; thresholds: Record<string, unknown> };
  const manifest = parseModelManifest(json, manifestFile);
  if (manifest.task !== 'heatmap') throw new Error(`${manifestFile}: calibration is for heatmap models, this one is ${manifest.task}`);
  const truthFile = path.join(opts.val, 'truth.json');
  const truth = parseTruthSet(JSON.parse(fs.readFileSync(truthFile, 'utf8')), truthFile);
  const sources = truth.photos.reduce((n, p) => n + p.sources.length, 0);
  const extents = list(opts.extent, manifest.thresholds.extent);
  const areas = list(opts.minArea, manifest.thresholds.minAreaCells).map(Math.round);
  console.log(`calibrate: ${manifest.name}@${manifest.version} on ${truth.photos.length} photos (${sources} sources)`);
  const trials: Trial[] = [];
  for (const extent of extents) {
    for (const minAreaCells of areas) {
      // The model without its calibration, with these thresholds and a confidence floor of RAW_FLOOR.
      const samples = await detections({ ...config, modelDir, uncalibrated: true, thresholds: { extent, minAreaCells, confidence: RAW_FLOOR } }, opts.val, truth);
      const cal = fitCalibration(samples);
      const calibrated = samples.map((s) => ({ confidence: calibrateConfidence(s.score, cal), truePositive: s.truePositive }));
      const choice = chooseThreshold(calibrated, sources);
      trials.push({ extent, minAreaCells, cal, choice, calibrated, detections: samples.length });
      console.log(`calibrate:   extent >= ${extent}, regions >= ${minAreaCells} cells: ${samples.length} detections ` +
        `(${samples.filter((s) => s.truePositive).length} true); best F1 ${choice.f1.toFixed(3)} at confidence >= ${choice.threshold} ` +
        `(precision ${choice.precision.toFixed(3)}, recall ${choice.recall.toFixed(3)})`);
    }
  }
  const best = trials.reduce((a, b) => (b.choice.f1 > a.choice.f1 + 1e-9 ? b : a));
  const { cal, choice, calibrated } = best;
  console.log(`calibrate: chosen: extent >= ${best.extent}, regions >= ${best.minAreaCells} cells`);
  console.log(`calibrate: confidence = sigmoid(${cal.a.toFixed(4)} * logit(raw) + ${cal.b.toFixed(4)})`);
  for (const [lo, hi] of [[0, 0.2], [0.2, 0.4], [0.4, 0.6], [0.6, 0.8], [0.8, 1.01]] as const) {
    const bin = calibrated.filter((c) => c.confidence >= lo && c.confidence < hi);
    const mean = bin.reduce((s, c) => s + c.confidence, 0) / Math.max(1, bin.length);
    const real = bin.filter((c) => c.truePositive).length / Math.max(1, bin.length);
    console.log(`calibrate:   confidence ${lo.toFixed(1)}-${Math.min(hi, 1).toFixed(1)}: ${bin.length} detections, mean confidence ${mean.toFixed(2)}, true ${real.toFixed(2)}`);
  }
  console.log(`calibrate: best F1 on these photos at confidence >= ${choice.threshold}: precision ${choice.precision.toFixed(3)}, recall ${choice.recall.toFixed(3)}, F1 ${choice.f1.toFixed(3)} (TP ${choice.truePositives}, FP ${choice.falsePositives})`);
  if (opts.write) {
    json.heatmap = { ...json.heatmap, calibration: { a: round(cal.a), b: round(cal.b) } };
    json.thresholds = { ...json.thresholds, confidence: choice.threshold, extent: best.extent, minAreaCells: best.minAreaCells };
    parseModelManifest(json, manifestFile);
    fs.writeFileSync(manifestFile, JSON.stringify(json, null, 2) + '\n');
    console.log(`calibrate: written to ${manifestFile}`);
  }
}

/** Every detection on the validation photos under these settings: raw score and whether it claimed a source. */
async function detections(settings: AnalyzerSettings, dir: string, truth: ReturnType<typeof parseTruthSet>): Promise<LabelledScore[]> {
  const analyzer = await createPhotoAdapters(settings);
  let result;
  try {
    result = await analyzePhotos(truth.photos.map((p) => path.join(dir, p.file)), analyzer.adapters,
      { trainingGsd: analyzer.model.trainingGsd, concurrency: 1, footprints: false });
  } finally {
    await analyzer.close();
  }
  if (result.failures.length > 0) throw new Error(`${result.failures.length} validation photos failed: ${result.failures.map((f) => f.photo).join(', ')}`);
  const reported = observationsByPhoto(result.report.hotspots);
  const samples: LabelledScore[] = [];
  for (const t of truth.photos) {
    const found = reported.get(path.basename(t.file)) ?? [];
    const { claims } = matchPhoto(t.sources.map((s) => s.pixel), found, 0.05 * t.width);
    found.forEach((f, i) => samples.push({ score: f.confidence, truePositive: claims[i] !== null }));
  }
  return samples;
}

function list(v: string | undefined, fallback: number): number[] {
  if (v === undefined) return [fallback];
  const xs = v.split(',').map(Number);
  if (xs.some((x) => !Number.isFinite(x) || x < 0)) throw new Error(`not a list of numbers: ${v}`);
  return xs;
}

function round(v: number): number {
  return Number(v.toFixed(6));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
