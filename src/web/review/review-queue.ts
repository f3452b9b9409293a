/**
 * The judge's queue, pure: the hotspots in review order, where the judge is, and what can be undone. A
 * decision moves on to the next hotspot still pending (wrapping round), or stays when none is left; undo
 * takes back the latest decision made in this session and returns to its hotspot.
 */
export type Status = 'pending' | 'confirmed' | 'rejected';

export interface QueueItem {
  readonly id: string;
  readonly status: Status;
}

export interface ReviewQueue {
  readonly items: readonly QueueItem[];
  readonly index: number;
  /** Decisions of this session, latest last: which hotspot, and its status before. */
  readonly undo: readonly { readonly id: string; readonly before: Status }[];
}

export function newQueue(items: readonly QueueItem[]): ReviewQueue {
  const first = items.findIndex((i) => i.status === 'pending');
  return { items, index: first >= 0 ? first : 0, undo: [] };
}

/** The same queue on a fresh list from the server: decisions and position kept by id, new hotspots appended. */
export function refreshQueue(q: ReviewQueue, fresh: readonly QueueItem[]): ReviewQueue {
  const byId = new Map(fresh.map((i) => [i.id, i]));
  const kept = q.items.filter((i) => byId.has(i.id)).map((i) => byId.get(i.id)!);
  const known = new Set(kept.map((i) => i.id));
  const items = [...kept, ...fresh.filter((i) => !known.has(i.id))];
  const current = q.items[q.index]?.id;
  const at = items.findIndex((i) => i.id === current);
  return { items, index: at >= 0 ? at : Math.min(q.index, Math.max(0, items.length - 1)), undo: q.undo.filter((u) => byId.has(u.id)) };
}

export function current(q: ReviewQueue): QueueItem | null {
  return q.items[q.index] ?? null;
}

export function step(q: ReviewQueue, by: 1 | -1): ReviewQueue {
  if (q.items.length === 0) return q;
  return { ...q, index: (q.index + by + q.items.length) % q.items.length };
}

/** Records `status` for the current hotspot and moves to the next pending one. */
export function decide(q: ReviewQueue, status: 'confirmed' | 'rejected'): ReviewQueue {
  const item = current(q);
  if (!item) return q;
  const items = q.items.map((i, k) => (k === q.index ? { ...i, status } : i));
  const n = items.length;
  let index = q.index;
  for (let k = 1; k < n; k++) {
    const j = (q.index + k) % n;
    if (items[j]!.status === 'pending') {
      index = j;
      break;
    }
  }
  return { items, index, undo: [...q.undo, { id: item.id, before: item.status }] };
}

/** What undo would do: the hotspot and the status it goes back to; null when nothing is left to undo. */
export function undoTarget(q: ReviewQueue): { id: string; before: Status } | null {
  return q.undo.at(-1) ?? null;
}

/** Takes back the latest decision: its hotspot gets its former status and becomes the current one. */
export function undoLast(q: ReviewQueue): ReviewQueue {
  const last = undoTarget(q);
  if (!last) return q;
  const index = q.items.findIndex((i) => i.id === last.id);
  if (index < 0) return { ...q, undo: q.undo.slice(0, -1) };
  return { items: q.items.map((i, k) => (k === index ? { ...i, status: last.before } : i)), index, undo: q.undo.slice(0, -1) };
}

export function pendingCount(q: ReviewQueue): number {
  return q.items.filter((i) => i.status === 'pending').length;
}
