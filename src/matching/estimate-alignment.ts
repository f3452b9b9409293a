import { boxBlur } from './box-blur';
import { describeKeypoints } from './describe-keypoints';
import { detectCorners } from './detect-corners';
import { downscaleImage } from './downscale-image';
import type { GrayImage, Point } from './gray-image';
import { matchDescriptors } from './match-descriptors';
import { ransacSimilarity } from './ransac-similarity';
import type { Similarity } from './similarity-transform';
import { composeSimilarity, invertSimilarity, similarityAngle, similarityScale } from './similarity-transform';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/**
 * Coarse alignment at any rotation: corners with rotation-normalised descriptors at low resolution,
 * mutual ratio-test matches, RANSAC similarity. `inliers` is the winner's support and `margin` how much
 * it beats the best model of a clearly different rotation (few inliers or a small margin: no overlap,
 * or the rotation is ambiguous).
 */
export interface AlignmentOptions {
  /** Width A is downscaled to (B by the same factor). Default 600. */
  readonly width?: number;
  readonly maxCorners?: number;
  /** RANSAC inlier distance at that width, pixels. Default 3. */
  readonly threshold?: number;
}

export interface Alignment {
  /** Maps A's input pixels to B's input pixels; null when no consistent set of matches was found. */
  readonly transform: Similarity | null;
  /** Rotation of B's content relative to A's, degrees clockwise on screen, (-180, 180]. */
  readonly rotationDeg: number;
  readonly scale: number;
  readonly candidates: number;
  readonly inliers: number;
  readonly margin: number;
}

/** Centre-preserving scaling of pixel coordinates by k. */
export function pixelScale(k: number): Similarity {
  return { a: k, b: 0, tx: 0.5 * k - 0.5, ty: 0.5 * k - 0.5 };
}

export function estimateAlignment(a: GrayImage, b: GrayImage, options: AlignmentOptions = {}): Alignment {
  const k = math.min(1, (options.width ?? 600) / a.width);
  const smallA = downscaleImage(a, math.round(a.width * k));
  const smallB = downscaleImage(b, math.round(b.width * k));
  const maxCorners = options.maxCorners ?? 1000;
  const keysA = describeKeypoints(boxBlur(smallA, 1), detectCorners(smallA, { maxCorners, border: 14 }));
  const keysB = describeKeypoints(boxBlur(smallB, 1), detectCorners(smallB, { maxCorners, border: 14 }));
  const pairs = matchDescriptors(keysA, keysB);
  const from: Point[] = pairs.map(([i]) => [keysA[i]?.x ?? 0, keysA[i]?.y ?? 0]);
  const to: Point[] = pairs.map(([, j]) => [keysB[j]?.x ?? 0, keysB[j]?.y ?? 0]);
  const fit = ransacSimilarity(from, to, { threshold: options.threshold ?? 3, iterations: 600 });
  if (fit === null) return { transform: null, rotationDeg: 0, scale: 1, candidates: pairs.length, inliers: 0, margin: 0 };
  const transform = composeSimilarity(invertSimilarity(pixelScale(smallB.scaleX)), composeSimilarity(fit.model, pixelScale(smallA.scaleX)));
  return {
    transform,
    rotationDeg: similarityAngle(transform),
    scale: similarityScale(transform),
    candidates: pairs.length,
    inliers: fit.inliers.length,
    margin: fit.inliers.length - fit.rivalInliers,
  };
}
