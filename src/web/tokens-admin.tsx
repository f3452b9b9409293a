import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Me } from './api';
import type { T } from './i18n';
import { NewTokenForm } from './tokens/new-token-form';
import { problemOf, type Problem } from './tokens/problem';
import { SecretOnce } from './tokens/secret-once';
import type { NewToken, Role, TokenRow } from './tokens/token-row';
import { TokenTable } from './tokens/token-table';
import './tokens-admin.css';

/**
 * The admin's tokens page: every token and its state; a form to create one, whose secret is shown once;
 * revoke with an in-page confirmation. The API would let an admin revoke their own token (and lock
 * themselves out at once), so this page offers no revoke button on it.
 */
export function TokensAdmin({ token, t }: { token: string; t: T }) {
  const [tokens, setTokens] = useState<readonly TokenRow[] | null>(null);
  const [selfId, setSelfId] = useState<string | null>(null);
  const [made, setMade] = useState<NewToken | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  const load = async () => {
    const { tokens: list } = await api<{ tokens: TokenRow[] }>(token, 'GET', '/tokens');
    setTokens(list);
  };
  useEffect(() => {
    api<Me>(token, 'GET', '/me').then((me) => setSelfId(me.id), (err: unknown) => setProblem(problemOf(err)));
    load().catch((err: unknown) => setProblem(problemOf(err)));
  }, [token]);
  useEffect(() => { if (done) doneRef.current?.focus(); }, [done]);

  /**
   * Runs a change and reloads the list either way (a 404 means it changed elsewhere). Its outcome (what
   * went wrong, or the name of a revoked token) is said only once the reload is done, so the list never
   * contradicts the message ("the list has been refreshed").
   */
  const change = async (work: () => Promise<string | void>) => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    let failed: Problem | null = null;
    let revoked: string | void = undefined;
    try {
      revoked = await work();
    } catch (err) {
      failed = problemOf(err);
    }
    await load().catch(() => undefined);
    setBusy(false);
    setConfirming(null);
    if (failed) setProblem(failed);
    if (revoked) setDone(revoked);
  };

  const create = (name: string, role: Role) => void change(async () => {
    setMade(await api<NewToken>(token, 'POST', '/tokens', { name, role }));
  });
  const revoke = (tok: TokenRow) => void change(async () => {
    await api<null>(token, 'DELETE', `/tokens/${encodeURIComponent(tok.id)}`);
    return tok.name;
  });

  return (
    <section class="card tokens-admin" aria-labelledby="tokens-title">
      <h1 id="tokens-title">{t('tokens.title')}</h1>
      <p class="muted">{t('tokens.intro')}</p>
      {problem && <p class="error" role="alert">{t(problem.key, problem.params)}</p>}
      {made
        ? <SecretOnce made={made} t={t} onDone={() => { setMade(null); document.getElementById('token-name')?.focus(); }} />
        : <NewTokenForm t={t} busy={busy} onCreate={create} />}
      <p role="status" class="done" tabIndex={-1} ref={doneRef}>{done ? t('tokens.revoked', { name: done }) : ''}</p>
      {tokens === null ? <p class="muted">{t('tokens.loading')}</p>
        : tokens.length === 0 ? <p class="muted">{t('tokens.none')}</p>
          : <TokenTable tokens={tokens} selfId={selfId} confirming={confirming} busy={busy} t={t}
            onAsk={(id) => { setConfirming(id); setProblem(null); setDone(null); }} onCancel={() => setConfirming(null)} onRevoke={revoke} />}
      {selfId && <p class="muted self-note">{t('tokens.selfNote')}</p>}
    </section>
  );
}
