import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { T } from '../i18n';
import { formatTime } from './format-time';
import type { TokenRow } from './token-row';

interface Props {
  readonly tokens: readonly TokenRow[];
  /** The signed-in admin's own token: it has no revoke button (the API would revoke it and lock them out). */
  readonly selfId: string | null;
  /** The token whose revoke is being confirmed, and whether the DELETE is under way. */
  readonly confirming: string | null;
  readonly busy: boolean;
  readonly t: T;
  readonly onAsk: (id: string) => void;
  readonly onCancel: () => void;
  readonly onRevoke: (token: TokenRow) => void;
}

/**
 * Every token, revoked ones too (their state and when), with a revoke button on each live token but the
 * admin's own. Revoking asks first, in a row under the token's own; Cancel is focused, so Enter is safe.
 */
export function TokenTable({ tokens, selfId, confirming, busy, t, onAsk, onCancel, onRevoke }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (confirming) cancel.current?.focus(); }, [confirming]);
  const close = (id: string) => {
    onCancel();
    requestAnimationFrame(() => document.getElementById(`revoke-${id}`)?.focus());
  };

  return (
    <table class="tokens">
      <caption>{t('tokens.list')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tokens.col.name')}</th>
          <th scope="col">{t('tokens.col.role')}</th>
          <th scope="col">{t('tokens.col.created')}</th>
          <th scope="col">{t('tokens.col.status')}</th>
          <th scope="col">{t('tokens.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((tok) => (
          <Fragment key={tok.id}>
            <tr class={tok.revokedAt ? 'revoked' : undefined} data-token={tok.id}>
              <th scope="row" class="name">
                {tok.name}{tok.id === selfId && <span class="tag">{t('tokens.you')}</span>}
              </th>
              <td>{t(`role.${tok.role}`)}</td>
              <td><time dateTime={tok.createdAt}>{formatTime(tok.createdAt)}</time></td>
              <td>{tok.revokedAt
                ? t('tokens.revokedAt', { when: formatTime(tok.revokedAt) })
                : t('tokens.active')}</td>
              <td>
                {tok.revokedAt ? null
                  : tok.id === selfId ? <span class="muted">{t('tokens.yourToken')}</span>
                    : <button type="button" id={`revoke-${tok.id}`} class="danger-outline" aria-label={t('tokens.revokeNamed', { name: tok.name })}
                      aria-expanded={confirming === tok.id} disabled={busy} onClick={() => onAsk(tok.id)}>{t('tokens.revoke')}</button>}
              </td>
            </tr>
            {confirming === tok.id && (
              <tr class="confirm">
                <td colSpan={5}>
                  <div role="group" aria-labelledby="confirm-question">
                    <p id="confirm-question">{t('tokens.confirmQuestion', { name: tok.name })}</p>
                    <button type="button" class="danger" disabled={busy} onClick={() => onRevoke(tok)}>
                      {busy ? t('tokens.revoking') : t('tokens.confirmRevoke')}
                    </button>
                    <button type="button" class="secondary" ref={cancel} disabled={busy} onClick={() => close(tok.id)}>{t('tokens.cancel')}</button>
                  </div>
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
