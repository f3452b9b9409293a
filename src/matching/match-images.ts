import { downscaleImage } from './downscale-image';
import type { Alignment, AlignmentOptions } from './estimate-alignment';
import { estimateAlignment, pixelScale } from './estimate-alignment';
import type { GrayImage } from './gray-image';
import { ransacSimilarity } from './ransac-similarity';
import type { PointMatch, RefineOptions } from './refine-matches';
import { refineMatches } from './refine-matches';
import type { Similarity } from './similarity-transform';
import { applySimilarity, composeSimilarity, invertSimilarity, similarityAngle } from './similarity-transform';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/**
 * Matches two overlapping grayscale photos: a coarse alignment at any rotation (estimateAlignment), then
 * patch NCC matches at `fineWidth` around it, kept when they agree with one similarity (RANSAC,
 * `threshold` pixels at fineWidth). Matched points come back in the input images' pixels.
 * Parallax (trees, buildings) breaks the single similarity, so the kept matches lie mostly on the ground.
 */
export interface MatchOptions {
  readonly coarse?: AlignmentOptions;
  readonly refine?: RefineOptions;
  /** Width A is matched at (B by the same factor). Default 1200. */
  readonly fineWidth?: number;
  readonly threshold?: number;
  /** Fewer final matches than this and the result has no transform. Default 8. */
  readonly minMatches?: number;
}

export interface MatchResult {
  readonly alignment: Alignment;
  /** A's input pixels to B's input pixels, from the kept matches; null when matching failed. */
  readonly transform: Similarity | null;
  /** Rotation of B's content relative to A's, degrees clockwise on screen; null when matching failed. */
  readonly rotationDeg: number | null;
  readonly matches: readonly PointMatch[];
}

export function matchImages(a: GrayImage, b: GrayImage, options: MatchOptions = {}): MatchResult {
  const alignment = estimateAlignment(a, b, options.coarse);
  const failed = { alignment, transform: null, rotationDeg: null, matches: [] };
  if (alignment.transform === null || alignment.inliers < 4) return failed;
  const k = math.min(1, (options.fineWidth ?? 1200) / a.width);
  const fineA = downscaleImage(a, math.round(a.width * k));
  const fineB = downscaleImage(b, math.round(b.width * k));
  const toFineA = pixelScale(fineA.scaleX);
  const fromFineB = invertSimilarity(pixelScale(fineB.scaleX));
  const predict = composeSimilarity(pixelScale(fineB.scaleX), composeSimilarity(alignment.transform, invertSimilarity(toFineA)));
  const found = refineMatches(fineA, fineB, predict, options.refine);
  const fit = ransacSimilarity(found.map((m) => m.a), found.map((m) => m.b), { threshold: options.threshold ?? 3, iterations: 400 });
  if (fit === null || fit.inliers.length < (options.minMatches ?? 8)) return failed;
  const fromFineA = invertSimilarity(toFineA);
  const matches = fit.inliers.flatMap((i) => {
    const m = found[i];
    return m ? [{ a: applySimilarity(fromFineA, m.a), b: applySimilarity(fromFineB, m.b), ncc: m.ncc }] : [];
  });
  const transform = composeSimilarity(fromFineB, composeSimilarity(fit.model, toFineA));
  return { alignment, transform, rotationDeg: similarityAngle(transform), matches };
}
