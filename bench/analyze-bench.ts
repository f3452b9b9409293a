/**
 * `npm run bench`: the time to analyse one large photo (metadata, geometry, decode, tiles, inference,
 * merge) against the time sharp alone needs to decode the same photo, measured in the same run, and the
 * process's peak memory. Ratios, not seconds, are the result: these machines are shared and noisy.
 *
 * The photo: the largest one found among samples/ and ../shared/data/real-photos, resampled to a 12 MP
 * (4000x3000) and a 20 MP (5472x3648) DJI frame with its metadata kept; each size is measured in turn.
 * For the one-core figure: `taskset -c 0 npm run bench` (onnxruntime and libvips use one thread by default).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { PROJECT_ROOT } from '../src/config/project-root';
import { loadConfig } from '../src/config/load-config';
import { analyzePhoto } from '../src/pipeline/analyze-photo';
import { createPhotoAdapters } from '../src/pipeline/create-photo-adapters';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** A 12 MP 4:3 frame (Mavic/Phantom 4) and a 20 MP 3:2 one (Phantom 4 Pro, Mavic 3). */
const SIZES = [
  { width: 4000, height: 3000 },
  { width: 5472, height: 3648 },
];

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const source = largestPhoto();
  for (const size of SIZES) await benchOne(config, source, size);
}

async function benchOne(config: ReturnType<typeof loadConfig>, source: string, target: { width: number; height: number }): Promise<void> {
  const { bytes, label } = await atSize(source, target);
  const meta = await sharp(bytes).metadata();
  console.log(`bench: ${label}: ${meta.width}x${meta.height} (${((meta.width * meta.height) / 1e6).toFixed(1)} MP), ${(bytes.length / 1e6).toFixed(1)} MB`);
  console.log(`bench: model ${path.relative(PROJECT_ROOT, config.modelDir)}, threads ${config.threads}, batch ${config.batchSize}, libvips threads ${sharp.concurrency()}, ${RUNS} runs each, cores ${os.cpus().length}`);

  const analyzer = await createPhotoAdapters({ ...config, modelDir: config.modelDir });
  const analyse = async (): Promise<{ decode: number; inference: number; detections: number; scale: number; gsd: number | null }> => {
    const r = await analyzePhoto('bench.jpg', 'bench.jpg', bytes, analyzer.adapters, { trainingGsd: analyzer.model.trainingGsd });
    return { decode: r.timings.decode, inference: r.timings.inference, detections: r.detections.length, scale: r.analysisScale, gsd: r.gsd };
  };
  const decodeOnly = async (): Promise<void> => {
    await sharp(bytes).rotate().removeAlpha().raw().toBuffer();
  };

  await decodeOnly(); // warm both paths once: first calls pay for library start-up
  await analyse();
  const decodeTimes: number[] = [];
  const analyseTimes: number[] = [];
  let last = { decode: 0, inference: 0, detections: 0, scale: 1, gsd: null as number | null };
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so a burst of load from a neighbour hits both sides alike.
    decodeTimes.push(await timed(decodeOnly));
    analyseTimes.push(await timed(async () => { last = await analyse(); }));
  }
  await analyzer.close();
  const d = median(decodeTimes);
  const a = median(analyseTimes);
  console.log(`bench: sharp decode alone     median ${ms(d)}  (runs: ${decodeTimes.map(ms).join(', ')})`);
  console.log(`bench: analyse one photo      median ${ms(a)}  (runs: ${analyseTimes.map(ms).join(', ')})`);
  const gsd = last.gsd === null ? 'unknown' : `${(last.gsd * 100).toFixed(2)} cm/px`;
  const training = analyzer.model.trainingGsd === null ? 'any' : `${(analyzer.model.trainingGsd * 100).toFixed(1)} cm/px`;
  console.log(`bench:   photo GSD ${gsd}, model trained at ${training}: analysed at scale ${last.scale.toFixed(3)}`);
  console.log(`bench:   of which decode+scale ${ms(last.decode)}, tiles+inference+merge ${ms(last.inference)}, detections ${last.detections}`);
  console.log(`bench: RATIO analyse / decode = ${(a / d).toFixed(2)}; per photo ${(a / 1000).toFixed(2)} s (target ≤ 1.0 s per 20 MP photo on one core)`);
  console.log(`bench: peak memory (max RSS) so far = ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

function largestPhoto(): string {
  const dirs = [path.join(PROJECT_ROOT, 'samples'), path.join(PROJECT_ROOT, '..', 'shared', 'data', 'real-photos', 'brighton-beach')];
  const files = dirs
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).filter((f) => /\.jpe?g$/i.test(f)).map((f) => path.join(d, f)));
  if (files.length === 0) throw new Error('bench: no photo found in samples/');
  return files.sort((x, y) => fs.statSync(y).size - fs.statSync(x).size)[0]!;
}

async function atSize(file: string, target: { width: number; height: number }): Promise<{ bytes: Buffer; label: string }> {
  const original = fs.readFileSync(file);
  const m = await sharp(original).metadata();
  if (m.width === target.width && m.height === target.height) return { bytes: original, label: path.basename(file) };
  const bytes = await sharp(original).resize(target.width, target.height, { fit: 'fill' }).keepMetadata().jpeg({ quality: 92 }).toBuffer();
  return { bytes, label: `${path.basename(file)} resampled to ${target.width}x${target.height} (metadata kept)` };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function ms(x: number): string {
  return `${x.toFixed(0)} ms`;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
