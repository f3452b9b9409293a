import { reviewCommand, type KeyPress } from '../../src/web/review/review-keys';
import { current, decide, newQueue, pendingCount, refreshQueue, step, undoLast, undoTarget, type QueueItem } from '../../src/web/review/review-queue';
import { boxView, clampView, fitView, MAX_SCALE, zoomAt } from '../../src/web/review/zoom';

const items = (...s: ('pending' | 'confirmed' | 'rejected')[]): QueueItem[] => s.map((status, i) => ({ id: `h${i}`, status }));

describe('the review queue (pure)', () => {
  it('starts at the first pending hotspot and moves to the next pending one after each decision, wrapping round', () => {
    let q = newQueue(items('confirmed', 'pending', 'rejected', 'pending', 'pending'));
    expect(current(q)?.id).toBe('h1');
    q = decide(q, 'confirmed');
    expect(current(q)?.id).toBe('h3');
    q = step(q, 1);
    expect(current(q)?.id).toBe('h4');
    q = decide(q, 'rejected');
    expect(current(q)?.id).toBe('h3');
    q = decide(q, 'confirmed');
    expect(pendingCount(q)).toBe(0);
    expect(current(q)?.id).toBe('h3'); // nothing left pending: stays
    expect(q.items.map((i) => i.status)).toEqual(['confirmed', 'confirmed', 'rejected', 'confirmed', 'rejected']);
  });

  it('undoes the latest decision first, restoring its former status and returning to it', () => {
    let q = newQueue(items('pending', 'pending', 'rejected'));
    q = decide(q, 'confirmed');
    q = decide(q, 'rejected');
    expect(undoTarget(q)).toEqual({ id: 'h1', before: 'pending' });
    q = undoLast(q);
    expect(current(q)?.id).toBe('h1');
    expect(q.items[1]!.status).toBe('pending');
    q = step(q, 1); // to h2, already rejected: deciding again remembers that
    q = decide(q, 'confirmed');
    expect(undoTarget(q)).toEqual({ id: 'h2', before: 'rejected' });
    q = undoLast(undoLast(q));
    expect(q.items.map((i) => i.status)).toEqual(['pending', 'pending', 'rejected']);
    expect(current(q)?.id).toBe('h0');
    expect(undoLast(q)).toBe(q);
  });

  it('steps both ways round the list, and an empty list has no current hotspot', () => {
    const q = newQueue(items('pending', 'pending', 'pending'));
    expect(current(step(q, -1))?.id).toBe('h2');
    expect(current(step(step(q, 1), 1))?.id).toBe('h2');
    expect(current(newQueue([]))).toBeNull();
    expect(step(newQueue([]), 1).index).toBe(0);
  });

  it('keeps the place and the session decisions across a refresh from the server, appending new hotspots', () => {
    let q = decide(newQueue(items('pending', 'pending', 'pending')), 'confirmed');
    q = refreshQueue(q, [{ id: 'h2', status: 'pending' }, { id: 'h0', status: 'confirmed' }, { id: 'h1', status: 'pending' }, { id: 'h9', status: 'pending' }]);
    expect(q.items.map((i) => i.id)).toEqual(['h0', 'h1', 'h2', 'h9']);
    expect(current(q)?.id).toBe('h1');
    expect(undoTarget(q)?.id).toBe('h0');
    // A hotspot that disappeared (merged by a rebuild) drops out, with its undo.
    q = refreshQueue(q, [{ id: 'h1', status: 'pending' }]);
    expect(q.items.map((i) => i.id)).toEqual(['h1']);
    expect(undoTarget(q)).toBeNull();
  });
});

describe('the judge keyboard (pure)', () => {
  const press = (key: string, o: Partial<KeyPress> = {}): ReturnType<typeof reviewCommand> =>
    reviewCommand({ key, ctrlKey: false, metaKey: false, altKey: false, inField: false, ...o });

  it('maps C R N J K U and zoom keys, in either case', () => {
    expect(['c', 'R', 'n', 'J', 'k', 'u', '+', '-', '0'].map((k) => press(k))).toEqual(['confirm', 'reject', 'note', 'next', 'previous', 'undo', 'zoomIn', 'zoomOut', 'zoomFit']);
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('z', { metaKey: true })).toBe('undo');
  });

  it('leaves typing in a field, browser shortcuts and other keys alone', () => {
    expect(press('c', { inField: true })).toBeNull();
    expect(press('z', { ctrlKey: true, inField: true })).toBeNull(); // the field's own undo
    expect(press('r', { ctrlKey: true })).toBeNull(); // reload
    expect(press('c', { altKey: true })).toBeNull();
    expect(press('x')).toBeNull();
    expect(press('Enter')).toBeNull();
  });
});

describe('the photo viewer zoom (pure)', () => {
  const image = { width: 4000, height: 3000 };
  const viewport = { width: 800, height: 400 };

  it('fits the whole image centred', () => {
    expect(fitView(image, viewport)).toEqual({ scale: 400 / 3000, x: (800 - 4000 * (400 / 3000)) / 2, y: 0 });
  });

  it('zooms about the pointer: the image point under it stays under it', () => {
    const v0 = fitView(image, viewport);
    const v = zoomAt(v0, 4, 400, 200, image, viewport);
    expect(v.scale).toBeCloseTo(v0.scale * 4);
    const before = [(400 - v0.x) / v0.scale, (200 - v0.y) / v0.scale];
    const after = [(400 - v.x) / v.scale, (200 - v.y) / v.scale];
    expect(after[0]).toBeCloseTo(before[0]!);
    expect(after[1]).toBeCloseTo(before[1]!);
  });

  it('never zooms out past fit nor in past the maximum', () => {
    const v0 = fitView(image, viewport);
    expect(zoomAt(v0, 0.1, 0, 0, image, viewport)).toEqual(v0);
    expect(zoomAt(v0, 1e6, 0, 0, image, viewport).scale).toBe(MAX_SCALE);
  });

  it('frames a detection box with its margin, and clamps at the image edge', () => {
    const v = boxView([1900, 1400, 2100, 1600], image, viewport);
    expect(v.scale).toBeCloseTo(400 / 300);
    expect(800 / 2 - 2000 * v.scale).toBeCloseTo(v.x);
    const corner = boxView([0, 0, 100, 100], image, viewport);
    expect(corner.x).toBe(0);
    expect(corner.y).toBe(0);
    expect(clampView({ scale: 1, x: 500, y: -9000 }, image, viewport)).toEqual({ scale: 1, x: 0, y: 400 - 3000 });
  });
});
