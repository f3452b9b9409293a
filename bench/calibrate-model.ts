/**
 * `npm run calibrate -- --val DIR [--model DIR] [--write]`: calibrates a heatmap model's confidence and
 * chooses its threshold on the project's own validation photos (made by
 * `/usr/bin/python3 -m models.training.make_heldout DIR --seed 11`), never on a measuring set.
 *
 * Runs the real pipeline with a very low threshold, scores every detection with eval-scenes-dev's rule
 * (src/evaluation/match-photo.ts), fits logistic scaling of the raw score (src/evaluation/fit-calibration.ts),
 * then picks the calibrated threshold with the best F1 on these photos. --write stores both in model.json
 * (heatmap.calibration and thresholds.confidence); the ONNX file and its SHA-256 are untouched.
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
import { createPhotoAdapters } from '../src/pipeline/create-photo-adapters';

const RAW_FLOOR = 0.02;

async function main(): Promise<void> {
  const opts = new Command('calibrate')
    .requiredOption('--val <dir>', 'validation photos with truth.json (the project\'s own, never a measuring set)')
    .option('--model <dir>', 'model folder (default: the default model)')
    .option('--write', 'store the calibration and the threshold in the model\'s model.json')
    .parse()
    .opts<{ val: string; model?: string; write?: boolean }>();
  const config = loadConfig(process.env);
  const modelDir = opts.model ? path.resolve(opts.model) : config.modelDir;
  const manifestFile = path.join(modelDir, 'model.json');
  const json = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown> & { heatmap: Record<string, unknown>; thresholds: Record<string, unknown> };
  const manifest = parseModelManifest(json, manifestFile);
  if (manifest.task !== 'heatmap') throw new Error(`${manifestFile}: calibration is for heatmap models, this one is ${manifest.task}`);
  const current = manifest.heatmap.calibration ?? null;
  // Detections down to a raw score of RAW_FLOOR, whatever calibration the model has now (it is monotone).
  const analyzer = await createPhotoAdapters({ ...config, modelDir, threshold: calibrateConfidence(RAW_FLOOR, current) });
  const truthFile = path.join(opts.val, 'truth.json');
  const truth = parseTruthSet(JSON.parse(fs.readFileSync(truthFile, 'utf8')), truthFile);
  let result;
  try {
    result = await analyzePhotos(truth.photos.map((p) => path.join(opts.val, p.file)), analyzer.adapters,
      { trainingGsd: analyzer.model.trainingGsd, concurrency: 1, footprints: false });
  } finally {
    await analyzer.close();
  }
  const reported = observationsByPhoto(result.report.hotspots);
  const samples: LabelledScore[] = [];
  for (const t of truth.photos) {
    const found = reported.get(path.basename(t.file)) ?? [];
    const { claims } = matchPhoto(t.sources.map((s) => s.pixel), found, 0.05 * t.width);
    found.forEach((f, i) => samples.push({ score: rawScore(f.confidence, current), truePositive: claims[i] !== null }));
  }
  const sources = truth.photos.reduce((n, p) => n + p.sources.length, 0);
  const cal = fitCalibration(samples);
  const calibrated = samples.map((s) => ({ confidence: calibrateConfidence(s.score, cal), truePositive: s.truePositive }));
  const choice = chooseThreshold(calibrated, sources);
  console.log(`calibrate: ${manifest.name}@${manifest.version} on ${truth.photos.length} photos (${sources} sources), ${result.failures.length} failed`);
  console.log(`calibrate: ${samples.length} detections at raw score >= ${RAW_FLOOR}, ${samples.filter((s) => s.truePositive).length} true`);
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
    json.thresholds = { ...json.thresholds, confidence: choice.threshold };
    parseModelManifest(json, manifestFile);
    fs.writeFileSync(manifestFile, JSON.stringify(json, null, 2) + '\n');
    console.log(`calibrate: written to ${manifestFile}`);
  }
}

/** The raw score behind a confidence, undoing the model's current calibration (logistic, so invertible). */
function rawScore(confidence: number, cal: ConfidenceCalibration | null): number {
  if (!cal) return confidence;
  const p = Math.min(1 - 1e-9, Math.max(1e-9, confidence));
  const z = (Math.log(p / (1 - p)) - cal.b) / cal.a;
  return 1 / (1 + Math.exp(-z));
}

function round(v: number): number {
  return Number(v.toFixed(6));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
