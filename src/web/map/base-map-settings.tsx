import { useState } from 'preact/hooks';
import type { T } from '../i18n';
import { BASE_MAP_KEY, isTileTemplate } from './base-map';

/** The saved base-map URL template (null: none, the default) and a setter that keeps it in this browser. */
export function useBaseMapUrl(): [string | null, (url: string | null) => void] {
  const [url, setUrl] = useState<string | null>(() => localStorage.getItem(BASE_MAP_KEY));
  return [url, (next) => {
    if (next) localStorage.setItem(BASE_MAP_KEY, next);
    else localStorage.removeItem(BASE_MAP_KEY);
    setUrl(next);
  }];
}

export function BaseMapSettings({ value, onChange, t }: { value: string | null; onChange: (url: string | null) => void; t: T }) {
  const [draft, setDraft] = useState(value ?? '');
  const [bad, setBad] = useState(false);
  const save = (e: Event) => {
    e.preventDefault();
    const url = draft.trim();
    if (url && !isTileTemplate(url)) { setBad(true); return; }
    setBad(false);
    onChange(url || null);
  };
  return (
    <details class="map-settings">
      <summary>{t('map.settings')}</summary>
      <form onSubmit={save}>
        <label for="base-map-url">{t('map.baseMap')}</label>
        <input id="base-map-url" type="url" inputMode="url" spellcheck={false} autoComplete="off" placeholder="https://tile.example.org/{z}/{x}/{y}.png"
          value={draft} aria-describedby="base-map-help" aria-invalid={bad} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} />
        <p id="base-map-help" class="muted">{t('map.baseMapHelp')}</p>
        {bad && <p class="error" role="alert">{t('map.baseMapBad')}</p>}
        <p class="muted" data-testid="base-map-state">{value ? t('map.baseMapOn') : t('map.baseMapOff')}</p>
        <div class="map-downloads">
          <button type="submit">{t('map.save')}</button>
          {value && <button type="button" onClick={() => { setDraft(''); setBad(false); onChange(null); }}>{t('map.clear')}</button>}
        </div>
      </form>
    </details>
  );
}
