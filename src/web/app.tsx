import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { api, ApiError, type Me } from './api';
import { AnalystMap } from './analyst-map';
import { LANGUAGES, preferredLanguage, translate, type Language, type MessageKey, type T } from './i18n';
import { JudgeReview } from './judge-review';
import { PilotUpload } from './pilot-upload';
import { TokensAdmin } from './tokens-admin';

const TOKEN_KEY = 'outfall.token';
const LANG_KEY = 'outfall.lang';

/** Which pages a role sees, by the actions its token may take. */
const PAGES: readonly { key: MessageKey; action: string }[] = [
  { key: 'nav.upload', action: 'flight:upload' },
  { key: 'nav.review', action: 'hotspot:review' },
  { key: 'nav.map', action: 'report:download' },
  { key: 'nav.tokens', action: 'token:manage' },
];

export function App() {
  const [lang, setLang] = useState<Language>(() => (localStorage.getItem(LANG_KEY) as Language | null) ?? preferredLanguage(navigator.languages));
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [me, setMe] = useState<Me | null>(null);
  const t = (key: MessageKey, params?: Record<string, string>) => translate(lang, key, params);

  // Before the first paint, not after it: screen readers and fonts pick the page's language from the start.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('appName');
    localStorage.setItem(LANG_KEY, lang);
  }, [lang]);

  useEffect(() => {
    if (!token) return;
    api<Me>(token, 'GET', '/me').then(setMe, () => signOut());
  }, [token]);

  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setMe(null);
  };

  return (
    <div class="app">
      <header class="bar">
        <span class="brand">{t('appName')}</span>
        <label class="lang">
          <span>{t('language')}</span>
          <select value={lang} onChange={(e) => setLang((e.target as HTMLSelectElement).value as Language)}>
            {Object.entries(LANGUAGES).map(([code, name]) => <option key={code} value={code} lang={code}>{name}</option>)}
          </select>
        </label>
        {me && <button type="button" onClick={signOut}>{t('signOut')}</button>}
      </header>
      <main>
        {me && token ? <Home me={me} token={token} t={t} /> : <SignIn t={t} onSignedIn={(secret, who) => { sessionStorage.setItem(TOKEN_KEY, secret); setToken(secret); setMe(who); }} />}
      </main>
    </div>
  );
}

function SignIn({ t, onSignedIn }: { t: T; onSignedIn: (secret: string, me: Me) => void }) {
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(secret.trim(), await api<Me>(secret.trim(), 'GET', '/me'));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 0 ? 'offline' : 'badToken');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signInTitle')}</h1>
      <p class="muted">{t('tagline')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label for="token">{t('tokenLabel')}</label>
        <input id="token" type="password" autoComplete="off" spellcheck={false} required value={secret}
          aria-describedby="token-help" onInput={(e) => setSecret((e.target as HTMLInputElement).value)} />
        <p id="token-help" class="muted">{t('signInHelp')}</p>
        {error && <p class="error" role="alert">{t(error)}</p>}
        <button type="submit" disabled={busy}>{busy ? t('signingIn') : t('signInButton')}</button>
      </form>
    </section>
  );
}

function useHashRoute(): string {
  const [route, setRoute] = useState(() => location.hash.slice(1));
  useEffect(() => {
    const on = () => setRoute(location.hash.slice(1));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

function Home({ me, token, t }: { me: Me; token: string; t: T }) {
  const pages = PAGES.filter((p) => me.actions.includes(p.action));
  const route = useHashRoute();
  const page = pages.find((p) => p.key === `nav.${route}`);
  return (
    <>
      <nav aria-label={t('nav.main')} class="nav">
        {pages.map((p) => <a key={p.key} href={`#${p.key.slice(4)}`} aria-current={p === page ? 'page' : undefined}>{t(p.key)}</a>)}
      </nav>
      {page?.key === 'nav.upload' ? <PilotUpload token={token} t={t} />
        : page?.key === 'nav.review' ? <JudgeReview token={token} t={t} />
          : page?.key === 'nav.map' ? <AnalystMap token={token} t={t} />
            : page?.key === 'nav.tokens' ? <TokensAdmin token={token} t={t} />
              : <Overview me={me} t={t} />}
    </>
  );
}

function Overview({ me, t }: { me: Me; t: T }) {
  return (
    <>
      <section class="card" aria-labelledby="who">
        <h1 id="who">{t('signedInAs', { name: me.name })}</h1>
        <p><strong>{t('roleLabel')}</strong> <span data-testid="role">{t(`role.${me.role}` as MessageKey)}</span></p>
        <h2>{t('mayDo')}</h2>
        <ul data-testid="actions">
          {me.actions.map((a) => <li key={a}>{t(`action.${a}` as MessageKey)}</li>)}
        </ul>
        <p class="muted">{t('comingSoon')}</p>
      </section>
    </>
  );
}
