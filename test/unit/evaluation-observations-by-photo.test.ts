import { destination, point } from '@turf/turf';
import { observationsByPhoto } from '../../src/evaluation/observations-by-photo';
import type { LonLat } from '../../src/geo/photo-geometry';
import { clusterHotspots } from '../../src/hotspots/cluster-hotspots';
import type { GroundObservation } from '../../src/hotspots/ground-observation';
import type { Hotspot } from '../../src/report/report-model';

const ORIGIN: LonLat = [113.4521, 30.3612];
const at = (metres: number, bearing = 90): LonLat => destination(point(ORIGIN), metres, bearing, { units: 'meters' }).geometry.coordinates as LonLat;

function obs(photo: string, x: number, confidence: number, ground: LonLat | null): GroundObservation {
  return { photo, class: 'discharge', confidence, pixel: [x, 100], bbox: [x - 10, 90, x + 10, 110], ground, uncertaintyM: 1.5 };
}

describe('observationsByPhoto', () => {
  it('regroups the hotspots\' observations by photo, strongest first, each placed at its hotspot', () => {
    const hotspots: Hotspot[] = [
      { id: 'h1', class: 'discharge', confidence: 0.9, position: [1, 2], observations: [
        { photo: 'a.jpg', pixel: [1, 1], bbox: [0, 0, 2, 2], confidence: 0.9 },
        { photo: 'b.jpg', pixel: [5, 5], bbox: [4, 4, 6, 6], confidence: 0.4 },
      ] },
      { id: 'h2', class: 'discharge', confidence: 0.7, position: null, observations: [{ photo: 'b.jpg', pixel: [9, 9], bbox: [8, 8, 10, 10], confidence: 0.7 }] },
    ];
    const m = observationsByPhoto(hotspots);
    expect([...m.keys()].sort()).toEqual(['a.jpg', 'b.jpg']);
    expect(m.get('b.jpg')).toEqual([{ pixel: [9, 9], confidence: 0.7, ground: null }, { pixel: [5, 5], confidence: 0.4, ground: [1, 2] }]);
  });

  it('gives back exactly the per-photo observations clusterHotspots was given: none dropped, none merged', () => {
    const input = [
      obs('a.jpg', 100, 0.9, at(0)), obs('b.jpg', 200, 0.8, at(1)), obs('c.jpg', 300, 0.7, at(2, 180)), // one source, three photos
      obs('a.jpg', 400, 0.6, at(1.5)), // a second source in a.jpg right beside the first
      obs('b.jpg', 500, 0.5, at(200)), obs('c.jpg', 600, 0.4, null), obs('c.jpg', 700, 0.3, null),
    ];
    const hotspots = clusterHotspots(input);
    expect(hotspots.length).toBeLessThan(input.length); // some did merge into shared hotspots
    const regrouped = observationsByPhoto(hotspots);
    for (const photo of ['a.jpg', 'b.jpg', 'c.jpg']) {
      const expected = input.filter((o) => o.photo === photo).map((o) => ({ pixel: o.pixel, confidence: o.confidence }));
      expect(regrouped.get(photo)!.map((o) => ({ pixel: o.pixel, confidence: o.confidence }))).toEqual(expected);
    }
  });
});
