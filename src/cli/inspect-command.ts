import type { Config } from '../config/load-config';
import { footprintSize } from '../geo/footprint-size';
import { displayedSize } from '../metadata/photo-meta';
import { checkHeadingAgainstNeighbours } from './heading-neighbours';
import { photoName, readPhotoGeometry } from './read-photo-geometry';

/** `inspect <photo>`: everything the metadata and the camera geometry say about one photo, as JSON. */
export async function runInspect(file: string, opts: { neighbours: boolean }, config: Config): Promise<number> {
  const { meta, described } = await readPhotoGeometry(file);
  const { intrinsics, geometry, gsd, footprint } = described;
  const warnings = [...described.warnings];
  if (opts.neighbours && geometry) warnings.push(...(await checkHeadingAgainstNeighbours(file, config)));
  const shown = meta.width !== null && meta.height !== null ? displayedSize(meta.width, meta.height, meta.orientation) : null;
  const out = {
    photo: photoName(file),
    camera: { make: meta.make, model: meta.model, table: intrinsics?.cameraKey ?? null },
    image: shown ? { width: shown.width, height: shown.height, orientation: meta.orientation } : null,
    capturedAt: meta.capturedAt,
    position: meta.latitude !== null && meta.longitude !== null ? { latitude: meta.latitude, longitude: meta.longitude } : null,
    altitude: { absolute: meta.absoluteAltitude, relativeToTakeoff: meta.relativeAltitude },
    gimbal: meta.gimbal,
    flight: meta.flight,
    attitudeSource: meta.attitudeSource,
    focalLength: {
      mm: meta.focalLengthMm,
      equivalent35mm: meta.focalLength35mm,
      pixels: intrinsics ? round(intrinsics.fx, 2) : null,
      from: intrinsics?.source ?? null,
    },
    lensDistortion: intrinsics?.distortion ?? null,
    groundSampleDistance: gsd === null ? null : { metresPerPixel: round(gsd, 5), centimetresPerPixel: round(gsd * 100, 2) },
    footprint: footprint ? { type: 'Polygon', coordinates: [footprint.map(([lon, lat]) => [round(lon, 7), round(lat, 7)])] } : null,
    footprintSize: geometry ? footprintSize(geometry) : null,
    missing: meta.missing,
    warnings,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  return 0;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
