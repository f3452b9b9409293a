import path from 'node:path';
import sharp from 'sharp';
import { buildPhotoGeometry } from '../../src/geo/build-photo-geometry';
import { footprintSize } from '../../src/geo/footprint-size';
import type { HeadingVerdict, PairRotation } from '../../src/geo/heading-consistency';
import { checkHeadingConsistency } from '../../src/geo/heading-consistency';
import { lonLatToEnu } from '../../src/geo/local-tangent-plane';
import type { PhotoGeometry, Pixel } from '../../src/geo/photo-geometry';
import { pixelToGround } from '../../src/geo/pixel-to-ground';
import { cameraIntrinsics } from '../../src/metadata/camera-intrinsics';
import { readPhotoMeta } from '../../src/metadata/read-photo-meta';
import type { GrayImage } from '../../src/matching/gray-image';
import type { MatchResult } from '../../src/matching/match-images';
import { matchImages } from '../../src/matching/match-images';
import { wrapDegrees } from '../../src/matching/similarity-transform';
import { describeShared } from '../helpers/shared-data';

/**
 * Real overlapping photos: features matched between two photos (from the pixels alone) must land on
 * the same ground point when each photo locates them (pixelToGround), for every pair whose heading tags
 * agree with their content; and the heading check must flag the return leg, whose tags are 180° off.
 */
const NAMES = ['DJI_0018', 'DJI_0020', 'DJI_0022', 'DJI_0024', 'DJI_0026', 'DJI_0028', 'DJI_0030', 'DJI_0032', 'DJI_0034'];
const WORK_WIDTH = 1200;

interface Photo {
  readonly name: string;
  readonly geometry: PhotoGeometry;
  readonly yaw: number;
  readonly image: GrayImage;
  /** Working pixels per full-resolution pixel. */
  readonly scale: number;
}

interface Pair {
  readonly a: Photo;
  readonly b: Photo;
  readonly result: MatchResult;
}

const median = (v: number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

describeShared('locate is consistent between overlapping Brighton Beach photos', (dataDir) => {
  const dir = path.join(dataDir, 'real-photos', 'brighton-beach');
  const photos: Photo[] = [];
  const pairs: Pair[] = [];
  let verdicts: HeadingVerdict[] = [];

  beforeAll(async () => {
    for (const name of NAMES) {
      const file = path.join(dir, `${name}.JPG`);
      const meta = await readPhotoMeta(file);
      const { intrinsics } = cameraIntrinsics(meta);
      if (intrinsics === null) throw new Error(`${name}: no intrinsics`);
      const { geometry } = buildPhotoGeometry(meta, intrinsics);
      const yaw = meta.gimbal?.yaw ?? meta.flight?.yaw;
      if (geometry === null || yaw === undefined) throw new Error(`${name}: no geometry`);
      const { data, info } = await sharp(file).rotate().resize(WORK_WIDTH).grayscale().raw().toBuffer({ resolveWithObject: true });
      const image = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
      photos.push({ name, geometry, yaw, image, scale: info.width / (meta.width ?? info.width) });
    }
    for (let i = 0; i < photos.length; i++) {
      for (let j = i + 1; j < photos.length; j++) {
        const a = photos[i]!, b = photos[j]!;
        const [east, north] = lonLatToEnu([a.geometry.pose.longitude, a.geometry.pose.latitude], [b.geometry.pose.longitude, b.geometry.pose.latitude]);
        const { widthM, heightM } = footprintSize(a.geometry);
        // overlapping footprints: centres closer than 80 % of the short side, whatever the headings
        if (Math.hypot(east, north) > 0.8 * Math.min(widthM ?? 0, heightM ?? 0)) continue;
        pairs.push({ a, b, result: matchImages(a.image, b.image) });
      }
    }
    const rotations: PairRotation[] = pairs.flatMap(({ a, b, result }) =>
      result.rotationDeg === null ? [] : [{ a: a.name, b: b.name, rotationDeg: result.rotationDeg, matches: result.matches.length }],
    );
    verdicts = checkHeadingConsistency(photos.map((p) => ({ id: p.name, yawDeg: p.yaw })), rotations);
  }, 120000);

  it('matches every overlapping pair', () => {
    const matched = pairs.filter((p) => p.result.matches.length >= 8);
    console.log(pairs.map((p) => `${p.a.name}-${p.b.name}: ${p.result.matches.length} matches, content rotation ${p.result.rotationDeg?.toFixed(1) ?? '-'}°`).join('\n'));
    expect(pairs.length).toBeGreaterThanOrEqual(8);
    expect(matched.length).toBe(pairs.length);
  });

  it('flags exactly the return-leg photos whose heading tags are 180° off their content', () => {
    console.log(verdicts.flatMap((v) => v.warnings).join('\n'));
    const suspect = verdicts.filter((v) => v.status === 'suspect');
    expect(suspect.map((v) => v.id).sort()).toEqual(['DJI_0024', 'DJI_0026', 'DJI_0028']);
    for (const v of suspect) expect(Math.abs(v.offsetDeg ?? 0)).toBeGreaterThan(160);
    expect(verdicts.filter((v) => v.status === 'consistent')).toHaveLength(6);
  });

  it('places matched features within 3 m of each other (median) in every pair whose tags agree with the content', () => {
    const suspect = new Set(verdicts.filter((v) => v.status !== 'consistent').map((v) => v.id));
    const lines: string[] = [];
    let checked = 0;
    for (const { a, b, result } of pairs) {
      if (result.rotationDeg === null || result.matches.length < 8) continue;
      const tagsAgree = Math.abs(wrapDegrees(result.rotationDeg - (a.yaw - b.yaw))) <= 15;
      const full = (p: Photo, q: readonly [number, number]): Pixel => [(q[0] + 0.5) / p.scale - 0.5, (q[1] + 0.5) / p.scale - 0.5];
      const distances = result.matches.flatMap((m) => {
        const ga = pixelToGround(a.geometry, full(a, m.a));
        const gb = pixelToGround(b.geometry, full(b, m.b));
        return ga && gb ? [Math.hypot(...lonLatToEnu(ga, gb))] : [];
      });
      const med = median(distances);
      const trusted = tagsAgree && !suspect.has(a.name) && !suspect.has(b.name);
      lines.push(`${a.name}-${b.name}: median ${med.toFixed(2)} m over ${distances.length} matches${trusted ? '' : ' (not asserted: a heading tag is suspect)'}`);
      if (!trusted) continue;
      checked++;
      expect(med).toBeLessThanOrEqual(3);
    }
    console.log(lines.join('\n'));
    expect(checked).toBeGreaterThanOrEqual(4); // every pair within the outbound leg: 0018-0020, 0020-0022, 0030-0032, 0032-0034
  });

  it('once the suspect tags are corrected by their measured offset, pairs across the two legs agree too', () => {
    const offset = new Map(verdicts.filter((v) => v.status === 'suspect').map((v) => [v.id, v.offsetDeg ?? 0]));
    const fixed = (p: Photo): PhotoGeometry =>
      offset.has(p.name) ? { ...p.geometry, pose: { ...p.geometry.pose, yaw: p.geometry.pose.yaw - offset.get(p.name)! } } : p.geometry;
    const full = (p: Photo, q: readonly [number, number]): Pixel => [(q[0] + 0.5) / p.scale - 0.5, (q[1] + 0.5) / p.scale - 0.5];
    const lines: string[] = [];
    let crossLeg = 0;
    const meds: number[] = [];
    for (const { a, b, result } of pairs) {
      if (result.rotationDeg === null || result.matches.length < 8) continue;
      const distances = result.matches.flatMap((m) => {
        const ga = pixelToGround(fixed(a), full(a, m.a));
        const gb = pixelToGround(fixed(b), full(b, m.b));
        return ga && gb ? [Math.hypot(...lonLatToEnu(ga, gb))] : [];
      });
      const med = median(distances);
      lines.push(`${a.name}-${b.name}: median ${med.toFixed(2)} m after correction`);
      if (offset.has(a.name) !== offset.has(b.name)) crossLeg++;
      meds.push(med);
    }
    console.log(lines.join('\n'));
    // Tags trusted blindly put cross-leg features 12 to 58 m apart; corrected, every pair is within a few
    // metres (GPS noise between legs, plus the few degrees each photo's true heading varies).
    expect(Math.max(...meds)).toBeLessThanOrEqual(6);
    expect(median(meds)).toBeLessThanOrEqual(3);
    expect(crossLeg).toBeGreaterThanOrEqual(4);
  });
});
