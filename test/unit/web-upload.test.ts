import { filesOfEntries, type DirectoryEntryLike, type EntryLike, type FileEntryLike } from '../../src/web/upload/dropped-files';
import { retryDelayMs, isRetryable } from '../../src/web/upload/retry-delay';
import { TransferMeter } from '../../src/web/upload/transfer-stats';
import { runUpload, type SendOutcome, type UploadIo } from '../../src/web/upload/upload-queue';

interface F { name: string }

/** A fake server: per file, the outcomes of successive attempts; records what was sent and waited. */
function fakeIo(script: Record<string, SendOutcome[]>, known: string[] = []) {
  const sent: string[] = [];
  const slept: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const io: UploadIo<F> = {
    known: (shas) => Promise.resolve(new Set(shas.filter((s) => known.includes(s)))),
    send: async (file, onProgress) => {
      sent.push(file.name);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      onProgress(5);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return script[file.name]?.shift() ?? { ok: true };
    },
    sleep: (ms) => { slept.push(ms); return Promise.resolve(); },
    random: () => 0.5,
  };
  return { io, sent, slept, maxInFlight: () => maxInFlight };
}

const entries = (...names: string[]) => names.map((name) => ({ file: { name }, sha256: `sha-${name}`, size: 10 }));

describe('runUpload', () => {
  it('resumes: never sends a file the server already holds', async () => {
    const { io, sent } = fakeIo({}, ['sha-a', 'sha-c']);
    const files = await runUpload(entries('a', 'b', 'c', 'd'), io, { concurrency: 2, attempts: 3 });
    expect(sent.sort()).toEqual(['b', 'd']);
    expect(files.map((f) => f.state)).toEqual(['skipped', 'done', 'skipped', 'done']);
    expect(files.every((f) => f.sent === f.size)).toBe(true);
  });

  it('sends at most `concurrency` at once', async () => {
    const fake = fakeIo({});
    await runUpload(entries('a', 'b', 'c', 'd', 'e', 'f', 'g'), fake.io, { concurrency: 3, attempts: 1 });
    expect(fake.sent).toHaveLength(7);
    expect(fake.maxInFlight()).toBe(3);
  });

  it('retries a lost connection or a busy server with growing jittered delays, and gives up after the last try', async () => {
    const fake = fakeIo({
      a: [{ ok: false, status: 0, message: 'network' }, { ok: false, status: 503, message: 'busy' }],
      b: [{ ok: false, status: 502, message: 'x' }, { ok: false, status: 502, message: 'x' }, { ok: false, status: 502, message: 'bad gateway' }],
    });
    const files = await runUpload(entries('a', 'b'), fake.io, { concurrency: 1, attempts: 3 });
    expect(files.map((f) => [f.state, f.attempts])).toEqual([['done', 3], ['failed', 3]]);
    expect(files[1]!.message).toBe('bad gateway');
    expect(fake.slept).toEqual([500, 1000, 500, 1000]); // half (random 0.5) of 1 s, then of 2 s
  });

  it('never retries a refusal: a 4xx is the file\'s own problem', async () => {
    const fake = fakeIo({ a: [{ ok: false, status: 415, message: 'an HTML page, not a photo', code: 'NOT_AN_IMAGE' }] });
    const files = await runUpload(entries('a'), fake.io, { concurrency: 2, attempts: 5 });
    expect(files[0]).toMatchObject({ state: 'rejected', attempts: 1, message: 'an HTML page, not a photo', code: 'NOT_AN_IMAGE', sent: 0 });
    expect(fake.slept).toEqual([]);
  });
});

describe('retry delays', () => {
  it('grow exponentially with full jitter, capped', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(20, () => 1)).toBe(30_000);
    expect(retryDelayMs(3, () => 0)).toBe(0);
    expect([0, 408, 429, 500, 503].every(isRetryable)).toBe(true);
    expect([400, 401, 403, 404, 413, 415, 422].some(isRetryable)).toBe(false);
  });
});

describe('TransferMeter', () => {
  it('gives the rate and the time left, smoothed, and takes back a failed attempt', () => {
    const m = new TransferMeter(10_000_000);
    expect(m.stats()).toMatchObject({ rate: null, secondsLeft: null });
    m.add(0, 0);
    m.add(1_000_000, 1000); // 1 MB/s
    expect(m.stats().rate).toBeCloseTo(1_000_000);
    expect(m.stats().secondsLeft).toBeCloseTo(9);
    m.add(4_000_000, 2000); // a burst at 4 MB/s moves the estimate part of the way
    const r = m.stats().rate!;
    expect(r).toBeGreaterThan(1_000_000);
    expect(r).toBeLessThan(4_000_000);
    m.undo(4_000_000);
    expect(m.stats().bytesDone).toBe(1_000_000);
    m.setTotal(1_000_000);
    expect(m.stats().secondsLeft).toBe(0);
  });
});

describe('the files of a drop, folders included (pure, over fake entries)', () => {
  const file = (fullPath: string, fails = false): FileEntryLike => ({
    isFile: true, isDirectory: false, fullPath,
    file: (ok, fail) => (fails ? fail(new Error('gone')) : ok(new File(['x'], fullPath.split('/').pop()!))),
  });
  /** A folder whose reader answers in batches of `batch`, then an empty batch, as Chrome's does. */
  const folder = (fullPath: string, children: EntryLike[], batch = 2): DirectoryEntryLike => ({
    isFile: false, isDirectory: true, fullPath,
    createReader: () => {
      let at = 0;
      return { readEntries: (ok) => { const part = children.slice(at, at + batch); at += batch; setTimeout(() => ok(part), 0); } };
    },
  });

  it('reads every file of a dropped folder tree, in every batch, depth first', async () => {
    const tree = folder('/flight', [
      file('/flight/DJI_0001.JPG'),
      folder('/flight/100MEDIA', [file('/flight/100MEDIA/DJI_0002.JPG'), file('/flight/100MEDIA/DJI_0003.JPG'), file('/flight/100MEDIA/DJI_0004.JPG')]),
      file('/flight/DJI_0005.JPG'),
      folder('/flight/empty', []),
    ]);
    const files = await filesOfEntries([tree, file('/loose.jpg')]);
    expect(files.map((f) => f.name)).toEqual(['DJI_0001.JPG', 'DJI_0002.JPG', 'DJI_0003.JPG', 'DJI_0004.JPG', 'DJI_0005.JPG', 'loose.jpg']);
  });

  it('skips a file that cannot be read and goes on', async () => {
    const files = await filesOfEntries([folder('/f', [file('/f/a.jpg', true), file('/f/b.jpg')])]);
    expect(files.map((f) => f.name)).toEqual(['b.jpg']);
  });
});
