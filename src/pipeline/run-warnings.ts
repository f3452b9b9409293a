import type { FlightResult } from './analyze-photos';

export interface PhotoWarning {
  readonly photo: string;
  readonly message: string;
}

/**
 * What a reader of a run's report must hear about its photos: photos that could not be placed on the
 * ground (their sightings have no position) and heading tags found off. The assumptions every photo
 * shares (flat ground at the take-off height) are stated once in the README, not per photo.
 */
export function runWarnings(result: Pick<FlightResult, 'photos' | 'headings'>): PhotoWarning[] {
  const unplaced = result.photos
    .filter((p) => p.geometry === null)
    .map((p) => ({
      photo: p.photo,
      message: `${p.photo}: not placed on the ground (${p.warnings.filter((w) => !w.startsWith('flat ground assumed')).join('; ') || 'no usable geometry'})`,
    }));
  const headings = (result.headings ?? [])
    .filter((v) => v.status === 'suspect' || v.status === 'ambiguous')
    .flatMap((v) => v.warnings.map((message) => ({ photo: v.id, message })));
  return [...unplaced, ...headings];
}
