import { execFile, execFileSync } from 'node:child_process';
import { ROOT } from '../helpers/run-cli';

/**
 * The scene generator and the training code (Python) have their own unit tests: labels match images,
 * projection round trip, determinism, train/held-out split; the training tests need Debian's PyTorch and
 * skip themselves without it. They run here when Debian's numpy, scipy and Pillow are there (CI installs
 * them); on a machine with only Node and npm they are skipped with the reason.
 */
const PYTHON = '/usr/bin/python3';
const available = ((): boolean => {
  try {
    execFileSync(PYTHON, ['-c', 'import numpy, scipy, PIL'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

if (!available && process.env.CI) throw new Error(`${PYTHON} with numpy, scipy and Pillow is required in CI (.ci/run installs them)`);

(available ? describe : describe.skip)(
  `scene generator and training unit tests${available ? '' : ` [skipped: ${PYTHON} with numpy, scipy and Pillow is not installed]`}`,
  () => {
    it('pass', async () => {
      const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(PYTHON, ['-m', 'unittest', 'discover', '-s', 'models/training', '-t', '.'], { cwd: ROOT, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
          resolve({ code: error ? 1 : 0, output: stdout + stderr });
        });
      });
      if (code !== 0) console.error(output);
      expect(output).toMatch(/Ran \d+ tests/);
      expect(code).toBe(0);
    }, 300000);
  },
);
