import type { Config } from '../config/load-config';
import { openStore } from '../store/open-store';
import { issueToken, type Role } from '../store/tokens';

/** `outfall-scout token create --role R --name N`: prints the new secret once, on stdout; the store keeps only its hash. */
export function runTokenCreate(opts: { role: Role; name: string }, config: Config): number {
  const store = openStore(config.dataDir);
  try {
    const { token, secret } = issueToken(store.db, opts.role, opts.name, null);
    process.stdout.write(`${secret}\n`);
    process.stderr.write(`outfall-scout: ${token.role} token ${token.id} for "${token.name}" in ${config.dataDir}; the secret above is shown only this once\n`);
    return 0;
  } finally {
    store.close();
  }
}
