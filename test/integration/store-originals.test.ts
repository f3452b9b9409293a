import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Originals } from '../../src/store/originals';

describe('Originals (content-addressed photo store)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-originals-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const sample = fs.readFileSync(path.join(__dirname, '..', '..', 'samples', 'DJI_0101.JPG'));
  const sha = createHash('sha256').update(sample).digest('hex');

  it('stores the bytes unchanged under their SHA-256, and a second copy only once', async () => {
    const store = new Originals(root);
    const chunks = (): Readable => Readable.from([sample.subarray(0, 1000), sample.subarray(1000)]);
    const first = await store.putStream(chunks());
    expect(first).toMatchObject({ sha256: sha, bytes: sample.length, created: true });
    expect(fs.readFileSync(store.pathOf(sha)).equals(sample)).toBe(true);
    const second = await store.putStream(chunks());
    expect(second.created).toBe(false);
    expect(fs.readdirSync(path.join(root, 'incoming'))).toEqual([]);
  });

  it('leaves nothing behind when the upload stream fails half-way', async () => {
    const store = new Originals(root);
    const broken = new Readable({ read() { this.push(sample.subarray(0, 500)); this.destroy(new Error('connection reset')); } });
    await expect(store.putStream(broken)).rejects.toThrow(/connection reset/);
    expect(fs.readdirSync(path.join(root, 'incoming'))).toEqual([]);
  });

  it('refuses a name that is not a checksum (no path traversal through pathOf)', () => {
    expect(() => new Originals(root).pathOf('../../etc/passwd')).toThrow(RangeError);
  });
});
