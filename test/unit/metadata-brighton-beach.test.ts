import fs from 'node:fs';
import path from 'node:path';
import { cameraIntrinsics } from '../../src/metadata/camera-intrinsics';
import { readPhotoMeta } from '../../src/metadata/read-photo-meta';
import { describeShared } from '../helpers/shared-data';

/**
 * The nine Brighton Beach photos (DJI Phantom 3 Advanced, FC300S, 4000×2250, f 3.61 mm, 20 mm equivalent),
 * values read independently with ExifTool 12.57 (`exiftool -n`): [lat, lon, absolute alt, relative alt,
 * gimbal yaw, gimbal pitch, flight yaw, flight pitch, flight roll, DateTimeOriginal]. Gimbal roll is 0 in all.
 * The return leg (0024-0028) carries yaws near -135: the tags are read as written (see SOURCE.md).
 */
type Row = [number, number, number, number, number, number, number, number, number, string];
const PHOTOS: Record<string, Row> = {
  'DJI_0018.JPG': [46.8426070833333, -91.9945598888889, 198.31, 39.8, 45.0, -89.9, 46.0, 1.8, 3.0, '2016-06-23T16:31:59'],
  'DJI_0020.JPG': [46.8427775833333, -91.9942993888889, 198.61, 40.1, 44.2, -89.9, 42.8, 0.9, 1.1, '2016-06-23T16:32:13'],
  'DJI_0022.JPG': [46.8429515833333, -91.9940517222222, 198.51, 40.0, 45.3, -90.0, 45.6, -1.9, 2.3, '2016-06-23T16:32:27'],
  'DJI_0024.JPG': [46.8428646111111, -91.9936966666667, 198.41, 39.9, -140.0, -89.9, -138.7, -0.1, -4.0, '2016-06-23T16:32:43'],
  'DJI_0026.JPG': [46.84269025, -91.9939543888889, 198.61, 40.1, -132.0, -89.9, -129.9, -1.8, 0.4, '2016-06-23T16:32:57'],
  'DJI_0028.JPG': [46.84252125, -91.9942096111111, 198.61, 40.1, -133.5, -89.9, -133.0, -2.4, -1.0, '2016-06-23T16:33:11'],
  'DJI_0030.JPG': [46.8422816111111, -91.9940841666667, 198.61, 40.1, 44.2, -89.9, 46.2, 1.3, 2.9, '2016-06-23T16:33:27'],
  'DJI_0032.JPG': [46.8424584444444, -91.9938293055556, 198.61, 40.1, 42.0, -89.9, 39.7, -2.5, 2.7, '2016-06-23T16:33:41'],
  'DJI_0034.JPG': [46.8426292777778, -91.9935786666667, 198.51, 40.0, 44.7, -89.9, 43.5, -0.2, 1.1, '2016-06-23T16:33:56'],
};

describeShared('readPhotoMeta on the Brighton Beach photos', (dataDir) => {
  const dir = path.join(dataDir, 'real-photos', 'brighton-beach');

  it('covers every photo in the folder', () => {
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.JPG')).sort()).toEqual(Object.keys(PHOTOS).sort());
  });

  it.each(Object.entries(PHOTOS))('%s', async (file, row) => {
    const [lat, lon, abs, rel, gYaw, gPitch, fYaw, fPitch, fRoll, when] = row;
    const meta = await readPhotoMeta(path.join(dir, file));
    expect(meta).toMatchObject({ make: 'DJI', model: 'FC300S', width: 4000, height: 2250, orientation: 1, focalLength35mm: 20 });
    expect(meta.focalLengthMm).toBeCloseTo(3.61, 6);
    expect(Math.abs(meta.latitude! - lat)).toBeLessThan(1e-5);
    expect(Math.abs(meta.longitude! - lon)).toBeLessThan(1e-5);
    expect(meta.absoluteAltitude).toBeCloseTo(abs, 6);
    expect(meta.relativeAltitude).toBeCloseTo(rel, 6);
    expect(meta.gimbal).toEqual({ yaw: gYaw, pitch: gPitch, roll: 0 });
    expect(meta.flight).toEqual({ yaw: fYaw, pitch: fPitch, roll: fRoll });
    expect(meta.capturedAt).toBe(when);
    expect(meta.attitudeSource).toBe('drone-dji');
    expect(meta.missing).toEqual([]);

    // The FC300S is in the camera table: fx ≈ 3.61 × 4000 / 6.2 mm; the 16:9 photo is a crop of the 4:3
    // sensor, so the table's distortion (calibrated on the full frame) is left out, with a warning.
    const { intrinsics, warnings } = cameraIntrinsics(meta);
    expect(intrinsics).toMatchObject({ source: 'camera-table', cameraKey: 'djiFC300S', cx: 2000, cy: 1125, distortion: null });
    expect(intrinsics!.fx).toBeGreaterThan(2300);
    expect(intrinsics!.fx).toBeLessThan(2360);
    expect(intrinsics!.fy).toBeCloseTo(intrinsics!.fx, 6);
    expect(warnings).toEqual([expect.stringContaining('distortion omitted')]);
  });
});
