import { destination, distance, point } from '@turf/turf';
import { clusterHotspots } from '../../src/hotspots/cluster-hotspots';
import type { GroundObservation } from '../../src/hotspots/ground-observation';
import { hotspotId } from '../../src/hotspots/hotspot-id';
import { locationUncertainty } from '../../src/hotspots/location-uncertainty';
import { weightedMedian } from '../../src/hotspots/weighted-median';
import type { LonLat } from '../../src/geo/photo-geometry';

const ORIGIN: LonLat = [113.4521, 30.3612]; // the Han River near Xiantao, Hubei

/** A point `metres` away from ORIGIN towards `bearing` (degrees clockwise from north). */
function at(metres: number, bearing = 90): LonLat {
  return destination(point(ORIGIN), metres, bearing, { units: 'meters' }).geometry.coordinates as LonLat;
}

function obs(photo: string, ground: LonLat | null, confidence = 0.8, extra: Partial<GroundObservation> = {}): GroundObservation {
  return { photo, class: 'discharge', confidence, pixel: [100, 200], bbox: [50, 150, 150, 250], ground, uncertaintyM: 1.5, ...extra };
}

describe('weightedMedian', () => {
  it('is the plain median with equal weights', () => {
    expect(weightedMedian([5, 1, 3], [1, 1, 1])).toBe(3);
    expect(weightedMedian([4, 1, 3, 2], [1, 1, 1, 1])).toBe(2.5);
  });
  it('follows the weight', () => {
    expect(weightedMedian([1, 2, 100], [0.1, 0.1, 5])).toBe(100);
    expect(weightedMedian([1, 2, 100], [5, 0.1, 0.1])).toBe(1);
  });
  it('refuses mismatched input', () => {
    expect(() => weightedMedian([], [])).toThrow(RangeError);
    expect(() => weightedMedian([1, 2], [1])).toThrow(RangeError);
  });
});

describe('locationUncertainty', () => {
  it('is the GNSS error alone at nadir with a perfect pixel', () => {
    expect(locationUncertainty({ height: 40, range: 0, gsd: 0 })).toBeCloseTo(1.5, 6);
  });
  it('grows with range for oblique views', () => {
    const near = locationUncertainty({ height: 40, range: 10, gsd: 0.02 });
    const far = locationUncertainty({ height: 40, range: 120, gsd: 0.05 });
    expect(far).toBeGreaterThan(near * 2);
  });
});

describe('clusterHotspots', () => {
  it('merges sightings of one source in overlapping photos into one hotspot', () => {
    const hs = clusterHotspots([obs('a.jpg', at(0)), obs('b.jpg', at(1.2, 10)), obs('c.jpg', at(2, 200))]);
    expect(hs).toHaveLength(1);
    expect(hs[0]!.observations.map((o) => o.photo).sort()).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
  });

  it('keeps sources far apart as separate hotspots', () => {
    const hs = clusterHotspots([obs('a.jpg', at(0)), obs('b.jpg', at(40))]);
    expect(hs).toHaveLength(2);
  });

  it('never puts two sightings from the same photo into one hotspot', () => {
    const hs = clusterHotspots([obs('a.jpg', at(0)), obs('a.jpg', at(1), 0.7, { pixel: [300, 200] })]);
    expect(hs).toHaveLength(2);
  });

  it('places the hotspot at the confidence-weighted median, robust to one stray sighting', () => {
    const hs = clusterHotspots([
      obs('a.jpg', at(0), 0.9),
      obs('b.jpg', at(0.5), 0.9),
      obs('c.jpg', at(3.5), 0.3), // within the gate, but weak and off
    ]);
    expect(hs).toHaveLength(1);
    const d = distance(point(hs[0]!.position!), point(at(0.5)), { units: 'meters' });
    expect(d).toBeLessThan(0.05);
  });

  it('widens the gate with the uncertainty of oblique sightings', () => {
    const tight = clusterHotspots([obs('a.jpg', at(0)), obs('b.jpg', at(12))]);
    const loose = clusterHotspots([obs('a.jpg', at(0), 0.8, { uncertaintyM: 5 }), obs('b.jpg', at(12), 0.8, { uncertaintyM: 5 })]);
    expect(tight).toHaveLength(2);
    expect(loose).toHaveLength(1);
  });

  it('gives sightings with no ground position a hotspot each, with a null position', () => {
    const hs = clusterHotspots([obs('a.jpg', null), obs('b.jpg', null), obs('c.jpg', at(0))]);
    expect(hs).toHaveLength(3);
    expect(hs.filter((h) => h.position === null)).toHaveLength(2);
  });

  it('is deterministic whatever the input order, and ids are stable', () => {
    const input = [obs('a.jpg', at(0), 0.6), obs('b.jpg', at(1), 0.9), obs('c.jpg', at(60), 0.7), obs('d.jpg', at(61), 0.5)];
    const one = clusterHotspots(input);
    const two = clusterHotspots([...input].reverse());
    expect(two).toEqual(one);
    expect(one.map((h) => h.id)).toEqual(two.map((h) => h.id));
    expect(one[0]!.id).toBe(hotspotId(one[0]!.observations));
    expect(one[0]!.confidence).toBe(0.9);
  });

  it('keeps a chain of sightings within each other\'s gate together', () => {
    const hs = clusterHotspots([obs('c.jpg', at(2), 0.95), obs('a.jpg', at(0), 0.5), obs('b.jpg', at(4), 0.4)]);
    expect(hs).toHaveLength(1);
    expect(hs[0]!.observations).toHaveLength(3);
  });

  it('picks the class with the most confidence behind it', () => {
    const hs = clusterHotspots([
      obs('a.jpg', at(0), 0.9, { class: 'milky' }),
      obs('b.jpg', at(0.3), 0.6, { class: 'turbid' }),
      obs('c.jpg', at(0.6), 0.6, { class: 'turbid' }),
    ]);
    expect(hs[0]!.class).toBe('turbid');
  });
});
