import { useEffect, useRef, useState } from 'preact/hooks';
import type { T } from '../i18n';
import type { NewToken } from './token-row';

/**
 * The new token's secret, the only time anyone sees it (the store keeps its hash): a warning, the secret in a
 * read-only field, a copy button, and a button to put it away. Focus moves here so a screen reader reads it.
 */
export function SecretOnce({ made, t, onDone }: { made: NewToken; t: T; onDone: () => void }) {
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(made.secret);
      setCopy('copied');
    } catch {
      // No clipboard (an insecure origin, a denied permission): select it for the keyboard instead.
      field.current?.focus();
      field.current?.select();
      setCopy('failed');
    }
  };

  return (
    <section class="secret-once" aria-labelledby="secret-title">
      <h2 id="secret-title" tabIndex={-1} ref={heading}>{t('tokens.secretTitle', { name: made.name })}</h2>
      <p class="warning" id="secret-warning"><strong>{t('tokens.secretWarning')}</strong></p>
      <label for="new-secret">{t('tokens.secretLabel')}</label>
      <div class="secret-row">
        <input id="new-secret" ref={field} type="text" readOnly spellcheck={false} autoComplete="off" value={made.secret}
          aria-describedby="secret-warning" onFocus={(e) => (e.target as HTMLInputElement).select()} />
        <button type="button" onClick={() => void copySecret()}>{t('tokens.copy')}</button>
      </div>
      <p role="status" class={copy === 'failed' ? 'error' : 'muted'}>
        {copy === 'copied' ? t('tokens.copied') : copy === 'failed' ? t('tokens.copyFailed') : ''}
      </p>
      <button type="button" class="secondary" onClick={onDone}>{t('tokens.secretDone')}</button>
    </section>
  );
}
