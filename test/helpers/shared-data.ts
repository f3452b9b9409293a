import fs from 'node:fs';
import path from 'node:path';

/** ../shared/data beside the project, or null on a user's fresh clone where it is absent. */
export const SHARED_DATA: string | null = (() => {
  const dir = path.resolve(__dirname, '..', '..', '..', 'shared', 'data');
  return fs.existsSync(dir) ? dir : null;
})();

/** A describe that runs only where ../shared/data exists, and says why it skipped otherwise. */
export function describeShared(name: string, fn: (dataDir: string) => void): void {
  if (SHARED_DATA === null) {
    describe.skip(`${name} [skipped: ../shared/data is absent on this machine]`, () => {
      it('needs ../shared/data', () => undefined);
    });
    return;
  }
  const dir = SHARED_DATA;
  describe(name, () => fn(dir));
}

export function sharedPath(...parts: string[]): string {
  if (SHARED_DATA === null) throw new Error('../shared/data is absent');
  return path.join(SHARED_DATA, ...parts);
}
