/**
 * Do the photos' heading tags agree with their content? Overlapping photos give the rotation of one
 * photo's content relative to another's (image matching); the tags predict it as yawA - yawB (degrees,
 * clockwise on screen, DJI yaw clockwise from north). The residual of a pair is the difference of the two
 * tags' errors. Chaining pairs (strongest first) gives every photo's tag error relative to one photo of
 * its connected set; photos whose errors agree within the tolerance form a group, the largest group is
 * taken as right (a flight-wide vote), and every photo outside it is suspect, with its tag's error relative
 * to that group and the overlapping photos that show it.
 */
export interface HeadingTag {
  readonly id: string;
  /** The yaw the photo's tags give (gimbal yaw, else flight yaw), degrees; null when absent. */
  readonly yawDeg: number | null;
}

export interface PairRotation {
  readonly a: string;
  readonly b: string;
  /** Rotation of b's content relative to a's, degrees clockwise on screen (pb = R(θ)·pa + t). */
  readonly rotationDeg: number;
  /** How many matches support it (pairs under `minMatches` are not used). */
  readonly matches: number;
}

export interface HeadingOptions {
  readonly minMatches?: number;
  /** Largest residual, degrees, for two photos to agree. Default 20. */
  readonly toleranceDeg?: number;
}

export type HeadingStatus = 'consistent' | 'suspect' | 'ambiguous' | 'unchecked';

export interface HeadingVerdict {
  readonly id: string;
  readonly status: HeadingStatus;
  /** How far this photo's tag is off relative to the majority, degrees (null unless suspect and measurable). */
  readonly offsetDeg: number | null;
  readonly warnings: string[];
}

interface Edge {
  readonly a: string;
  readonly b: string;
  readonly rotation: number;
  /** Tag error of b minus tag error of a, degrees. */
  readonly residual: number;
  readonly matches: number;
}

const wrap = (d: number): number => {
  const w = ((((d + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
};
const fmt = (d: number): string => `${Math.round(d)}°`;

export function checkHeadingConsistency(tags: readonly HeadingTag[], pairs: readonly PairRotation[], options: HeadingOptions = {}): HeadingVerdict[] {
  const tolerance = options.toleranceDeg ?? 20;
  const yaw = new Map(tags.map((t) => [t.id, t.yawDeg]));
  const edges: Edge[] = pairs.flatMap((p) => {
    const ya = yaw.get(p.a), yb = yaw.get(p.b);
    if (ya == null || yb == null || p.a === p.b || p.matches < (options.minMatches ?? 8)) return [];
    return [{ a: p.a, b: p.b, rotation: p.rotationDeg, residual: wrap(p.rotationDeg - (ya - yb)), matches: p.matches }];
  });
  const { offsets, component } = propagateOffsets(edges);
  // cluster each connected set of photos by tag error; the biggest cluster of a set is taken as right
  const group = new Map<string, string>();
  const centres: Array<{ key: string; comp: string; offset: number; size: number }> = [];
  for (const [id, o] of offsets) {
    const comp = component.get(id) ?? id;
    let c = centres.find((x) => x.comp === comp && Math.abs(wrap(x.offset - o)) <= tolerance);
    if (!c) { c = { key: id, comp, offset: o, size: 0 }; centres.push(c); }
    c.size++;
    group.set(id, c.key);
  }
  const find = (id: string): string => group.get(id) ?? id;
  const linked = new Set(offsets.keys());
  return tags.map((t): HeadingVerdict => {
    if (!linked.has(t.id)) {
      return { id: t.id, status: 'unchecked', offsetDeg: null, warnings: [`${t.id}: heading tag not checked (no overlapping photo matched reliably, or no yaw tag)`] };
    }
    const comp = component.get(t.id);
    const ranked = centres.filter((c) => c.comp === comp).sort((x, y) => y.size - x.size);
    const top = ranked[0];
    const tie = top !== undefined && (ranked[1]?.size ?? 0) === top.size;
    const root = find(t.id);
    if (top === undefined || (root === top.key && !tie)) return { id: t.id, status: 'consistent', offsetDeg: null, warnings: [] };
    // offsets of this photo's tag relative to the majority group, seen from its direct neighbours there
    const seen = edges.flatMap((e) => {
      const other = e.a === t.id ? e.b : e.b === t.id ? e.a : null;
      if (other === null || find(other) === root) return [];
      const offset = e.a === t.id ? -e.residual : e.residual;
      const rotation = e.a === t.id ? e.rotation : -e.rotation;
      return [{ other, offset, rotation, tagDiff: wrap((yaw.get(t.id) ?? 0) - (yaw.get(other) ?? 0)) }];
    });
    const text = seen.map((s) => `${s.other} (content turned ${fmt(s.rotation)}, tags predict ${fmt(s.tagDiff)})`).join(', ');
    if (tie) {
      return { id: t.id, status: 'ambiguous', offsetDeg: null, warnings: [`${t.id}: heading tags split into equal groups; cannot tell which are right${text ? `; disagrees with ${text}` : ''}`] };
    }
    const toMajority = seen.filter((s) => find(s.other) === top.key);
    const use = toMajority.length > 0 ? toMajority : seen;
    const offset = use.length > 0 ? circularMean(use.map((s) => s.offset)) : null;
    const off = offset === null ? 'disagrees with the rest of the flight' : `looks ${fmt(Math.abs(offset))} off`;
    const via = text ? ` compared with overlapping ${text}` : ' (linked to the majority only through other suspect photos)';
    return { id: t.id, status: 'suspect', offsetDeg: offset, warnings: [`${t.id}: heading tag (${fmt(yaw.get(t.id) ?? 0)}) ${off}${via}`] };
  });
}

/** Tag error of every linked photo relative to the first of its connected set, along a spanning tree (strongest pairs first). */
function propagateOffsets(edges: readonly Edge[]): { offsets: Map<string, number>; component: Map<string, string> } {
  const offsets = new Map<string, number>();
  const component = new Map<string, string>();
  const sorted = [...edges].sort((x, y) => y.matches - x.matches);
  for (const seed of sorted.flatMap((e) => [e.a, e.b])) {
    if (offsets.has(seed)) continue;
    offsets.set(seed, 0);
    component.set(seed, seed);
    for (let grew = true; grew; ) {
      grew = false;
      for (const e of sorted) {
        const oa = offsets.get(e.a), ob = offsets.get(e.b);
        if (oa !== undefined && ob === undefined && component.get(e.a) === seed) {
          offsets.set(e.b, wrap(oa + e.residual)); component.set(e.b, seed); grew = true;
        } else if (ob !== undefined && oa === undefined && component.get(e.b) === seed) {
          offsets.set(e.a, wrap(ob - e.residual)); component.set(e.a, seed); grew = true;
        }
      }
    }
  }
  return { offsets, component };
}

function circularMean(deg: readonly number[]): number {
  let s = 0, c = 0;
  for (const d of deg) { s += Math.sin((d * Math.PI) / 180); c += Math.cos((d * Math.PI) / 180); }
  return wrap((Math.atan2(s, c) * 180) / Math.PI);
}
