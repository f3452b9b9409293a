import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli';

describe('command line usage errors exit 2 with a message', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /Usage|command/i],
    ['analyze without paths', ['analyze'], /missing required argument/i],
    ['an unknown format', ['analyze', 'samples', '--format', 'pdf'], /Allowed choices are geojson, csv, kml/],
    ['a threshold above 1', ['analyze', 'samples', '--threshold', '3'], /0 to 1/],
    ['a path that does not exist', ['analyze', 'no/such/folder'], /no such file or folder: no\/such\/folder/],
    ['an unknown option', ['analyze', 'samples', '--frobnicate'], /unknown option/],
    ['a pixel that is not x,y', ['locate', 'samples', 'twelve'], /not a pixel: "twelve"/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a folder with no photos is a usage error, not an empty report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-empty-'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'nothing here');
    const r = await runCli(['analyze', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no photos/);
  });

  it('a model that does not exist is fatal (exit 1), before any photo is read', async () => {
    const r = await runCli(['analyze', 'samples', '--model', 'models/no-such-model']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model\.json/);
  });

  it('--help and --version exit 0', async () => {
    expect((await runCli(['--help'])).code).toBe(0);
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
