import { z } from 'zod';
import { AppError } from '../errors';
import type { LonLat, Pixel } from '../geo/photo-geometry';

/**
 * `truth.json` of a scored photo set. Two writers, one reader:
 *
 *   eval-scenes-dev (../shared/data/eval-scenes-dev/README.md)
 *     photos[].file, width, height, positive, water,
 *     photos[].sources[].pixel [x, y], lonlat [lon, lat], color, faint, visible_len_m, structure,
 *     photos[].distractors[].type, pixel, lonlat
 *   the project's held-out set (models/training/make_heldout.py)
 *     photos[].file, width, height, discharge, sources[].pixel, lonLat, colour
 *
 * Pixels are full-resolution pixels of the displayed image, origin top-left. Every attribute is optional;
 * `lonlat` and `lonLat` are the same thing (so are `color` and `colour`); null is the same as absent. Unknown
 * keys are ignored.
 * A photo "without a discharge" is one with no source; `positive` / `discharge`, when given, must agree.
 */
const xy = z.tuple([z.number(), z.number()]);

const sourceSchema = z.object({
  pixel: xy,
  lonlat: xy.nullish(),
  lonLat: xy.nullish(),
  color: z.string().min(1).nullish(),
  colour: z.string().min(1).nullish(),
  faint: z.boolean().nullish(),
  visible_len_m: z.number().nonnegative().nullish(),
  structure: z.string().min(1).nullish(),
});

const photoSchema = z.object({
  file: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive().nullish(),
  positive: z.boolean().nullish(),
  discharge: z.boolean().nullish(),
  water: z.string().min(1).nullish(),
  sources: z.array(sourceSchema),
  distractors: z.array(z.object({ type: z.string(), pixel: xy.nullish(), lonlat: xy.nullish(), lonLat: xy.nullish() })).nullish(),
});

const truthSchema = z.object({ photos: z.array(photoSchema).min(1) });

export interface TruthSource {
  readonly pixel: Pixel;
  readonly lonLat: LonLat | null;
  readonly color?: string;
  readonly faint?: boolean;
  readonly visibleLenM?: number;
  readonly structure?: string;
}

export interface TruthPhoto {
  readonly file: string;
  readonly width: number;
  readonly height: number | null;
  readonly water?: string;
  readonly sources: readonly TruthSource[];
  /** Look-alikes in view (eval-scenes-dev only); not scored. */
  readonly distractors: readonly { readonly type: string; readonly pixel: Pixel | null; readonly lonLat: LonLat | null }[];
}

export interface TruthSet {
  readonly photos: readonly TruthPhoto[];
}

/** Validates parsed truth.json; AppError('BAD_TRUTH') listing every problem, each with its path. */
export function parseTruthSet(json: unknown, where = 'truth.json'): TruthSet {
  const result = truthSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new AppError('BAD_TRUTH', `${where} is not a valid truth file: ${problems.join('; ')}`);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  result.data.photos.forEach((p, i) => {
    if (seen.has(p.file)) problems.push(`photos.${i}.file: ${p.file} is listed twice`);
    seen.add(p.file);
    const flag = p.positive ?? p.discharge;
    if (typeof flag === 'boolean' && flag !== p.sources.length > 0) problems.push(`photos.${i}: says ${flag ? '' : 'no '}discharge but has ${p.sources.length} sources`);
    p.sources.forEach((s, j) => {
      if (s.lonlat && s.lonLat && (s.lonlat[0] !== s.lonLat[0] || s.lonlat[1] !== s.lonLat[1])) problems.push(`photos.${i}.sources.${j}: lonlat and lonLat differ`);
      if (s.color && s.colour && s.color !== s.colour) problems.push(`photos.${i}.sources.${j}: color and colour differ`);
    });
  });
  if (problems.length > 0) throw new AppError('BAD_TRUTH', `${where} is not a valid truth file: ${problems.join('; ')}`);
  return { photos: result.data.photos.map(toPhoto) };
}

function toPhoto(p: z.infer<typeof photoSchema>): TruthPhoto {
  return {
    file: p.file,
    width: p.width,
    height: p.height ?? null,
    ...(p.water ? { water: p.water } : {}),
    sources: p.sources.map(toSource),
    distractors: (p.distractors ?? []).map((d) => ({ type: d.type, pixel: d.pixel ?? null, lonLat: d.lonlat ?? d.lonLat ?? null })),
  };
}

function toSource(s: z.infer<typeof sourceSchema>): TruthSource {
  const color = s.color ?? s.colour;
  return {
    pixel: s.pixel,
    lonLat: s.lonlat ?? s.lonLat ?? null,
    ...(color ? { color } : {}),
    ...(typeof s.faint === 'boolean' ? { faint: s.faint } : {}),
    ...(typeof s.visible_len_m === 'number' ? { visibleLenM: s.visible_len_m } : {}),
    ...(s.structure ? { structure: s.structure } : {}),
  };
}
