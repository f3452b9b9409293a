import { ApiError } from '../api';
import type { MessageKey } from '../i18n';

/** A message for a role=alert: a key and its parameters, translated when shown. */
export interface Problem {
  readonly key: MessageKey;
  readonly params?: Record<string, string>;
}

/**
 * What went wrong, in the app's words (the server's own messages are English, for the logs). A 404 on a
 * revoke means the token was revoked meanwhile (another admin, the command line).
 */
export function problemOf(err: unknown): Problem {
  if (!(err instanceof ApiError)) return { key: 'tokens.error.failed', params: { status: '?' } };
  if (err.status === 0) return { key: 'tokens.error.offline' };
  if (err.status === 400) return { key: 'tokens.error.invalid' };
  if (err.status === 401) return { key: 'tokens.error.signedOut' };
  if (err.status === 403) return { key: 'tokens.error.forbidden' };
  if (err.status === 404) return { key: 'tokens.error.gone' };
  return { key: 'tokens.error.failed', params: { status: String(err.status) } };
}
