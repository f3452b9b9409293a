import fs from 'node:fs';
import path from 'node:path';

/** The folder holding this project's package.json, found from wherever the code was compiled to. */
export const PROJECT_ROOT: string = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'outfall-scout') return dir;
    if (path.dirname(dir) === dir) throw new Error(`outfall-scout: no package.json above ${__dirname}`);
  }
})();

export const PACKAGE_VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
