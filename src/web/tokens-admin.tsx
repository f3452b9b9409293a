import type { T } from './i18n';

/** Placeholder: being built (issue 5). */
export function TokensAdmin({ token, t }: { token: string; t: T }) {
  return <section class="card" data-token-length={token.length}><p class="muted">{t('comingSoon')}</p></section>;
}
