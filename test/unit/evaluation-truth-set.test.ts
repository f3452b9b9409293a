import fs from 'node:fs';
import path from 'node:path';
import { isAppError } from '../../src/errors';
import { parseTruthSet } from '../../src/evaluation/truth-set';

function badTruth(json: unknown): string {
  try {
    parseTruthSet(json, 'x/truth.json');
  } catch (e) {
    if (isAppError(e) && e.code === 'BAD_TRUTH') return e.message;
    throw e;
  }
  throw new Error('expected BAD_TRUTH');
}

/** One photo as eval-scenes-dev writes it (a subset of its keys, plus keys the reader ignores). */
const scenesPhoto = {
  file: 'DJI_0001.JPG', width: 4000, height: 2250, gsd_m: 0.0188, positive: true, water: 'canal', land_mode: 'procedural',
  sources: [{
    pixel: [1625.6, 2041.9], color: 'turbid_brown', rgb: [162, 130, 84], faint: false, structure: 'wall_outlet',
    visible_len_m: 6.39, bbox: [1619, 2023, 1907, 2249], lonlat: [114.224425134, 29.941981133],
  }],
  distractors: [{ type: 'boat', pixel: [2530, 886.8], lonlat: [114.2247, 29.942] }],
};

describe('parseTruthSet', () => {
  it('reads the eval-scenes-dev format: attributes renamed, lonlat as lonLat, distractors kept', () => {
    const t = parseTruthSet({ generator: 'outside renderer', photos: [scenesPhoto, { ...scenesPhoto, file: 'DJI_0002.JPG', positive: false, water: 'pond', sources: [] }] });
    expect(t.photos[0]).toEqual({
      file: 'DJI_0001.JPG', width: 4000, height: 2250, water: 'canal',
      sources: [{ pixel: [1625.6, 2041.9], lonLat: [114.224425134, 29.941981133], color: 'turbid_brown', faint: false, visibleLenM: 6.39, structure: 'wall_outlet' }],
      distractors: [{ type: 'boat', pixel: [2530, 886.8], lonLat: [114.2247, 29.942] }],
    });
    expect(t.photos[1]!.sources).toEqual([]);
  });

  it('reads the project\'s held-out format (samples/truth.json has its schema): lonLat, colour as color, no other attributes', () => {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'samples', 'truth.json'), 'utf8'));
    const t = parseTruthSet(json);
    expect(t.photos).toHaveLength(6);
    expect(t.photos.filter((p) => p.sources.length === 0)).toHaveLength(2);
    const s = t.photos[0]!.sources[0]!;
    expect(s).toEqual({ pixel: [834.26, 1313.98], lonLat: [113.4416358, 30.39580106], color: 'red' });
    expect(t.photos[0]!.water).toBeUndefined();
  });

  it('accepts a source without any position or attribute', () => {
    const t = parseTruthSet({ photos: [{ file: 'a.jpg', width: 100, sources: [{ pixel: [1, 2] }] }] });
    expect(t.photos[0]).toEqual({ file: 'a.jpg', width: 100, height: null, sources: [{ pixel: [1, 2], lonLat: null }], distractors: [] });
  });

  it('takes null as absent, and distractors with only a type (as the new held-out generator writes them)', () => {
    const t = parseTruthSet({ photos: [{
      file: 'HELD_0001.JPG', width: 2400, height: 1800, positive: true, water: 'river',
      sources: [{ pixel: [5, 6], lonlat: [114.1, 30.2], color: 'ochre', faint: false, structure: null, visible_len_m: 12.5, bbox: null }],
      distractors: [{ type: 'algae' }],
    }] });
    expect(t.photos[0]!.sources).toEqual([{ pixel: [5, 6], lonLat: [114.1, 30.2], color: 'ochre', faint: false, visibleLenM: 12.5 }]);
    expect(t.photos[0]!.distractors).toEqual([{ type: 'algae', pixel: null, lonLat: null }]);
  });

  it('names every problem with its path', () => {
    const msg = badTruth({ photos: [{ file: '', width: -1, sources: [{ pixel: [1] }] }] });
    expect(msg).toContain('x/truth.json is not a valid truth file');
    expect(msg).toContain('photos.0.file');
    expect(msg).toContain('photos.0.width');
    expect(msg).toContain('photos.0.sources.0.pixel');
    expect(badTruth({ photos: [] })).toContain('photos');
    expect(badTruth([])).toContain('(root)');
  });

  it('refuses a photo listed twice, a discharge flag that contradicts the sources, and two different spellings of one value', () => {
    const a = { file: 'a.jpg', width: 100, sources: [] };
    expect(badTruth({ photos: [a, a] })).toContain('photos.1.file: a.jpg is listed twice');
    expect(badTruth({ photos: [{ ...a, positive: true }] })).toContain('photos.0: says discharge but has 0 sources');
    expect(badTruth({ photos: [{ ...a, discharge: false, sources: [{ pixel: [1, 1] }] }] })).toContain('says no discharge but has 1 sources');
    expect(badTruth({ photos: [{ ...a, sources: [{ pixel: [1, 1], lonlat: [1, 2], lonLat: [1, 3] }] }] })).toContain('lonlat and lonLat differ');
    expect(badTruth({ photos: [{ ...a, sources: [{ pixel: [1, 1], color: 'red', colour: 'blue' }] }] })).toContain('color and colour differ');
  });
});
