import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { followFlight, type FlightView } from '../flight-events';
import { codeText, type T } from '../i18n';

interface ServerPhoto {
  id: string;
  filename: string;
  state: 'uploaded' | 'queued' | 'analysing' | 'done' | 'failed';
  stage: string | null;
  error: { code: string; message: string } | null;
  warnings: { code: string; message: string }[];
}

/** How often the photo list is re-read while photos move (the event stream says when; this bounds how often). */
const RELOAD_MS = 1500;

/**
 * The flight on the server, live: how many photos are analysed (a bar), each photo's state with its current
 * stage, its ingest warnings and why it failed; "done" when every photo is finished and the hotspots built.
 */
export function ServerPhotos({ token, flightId, t }: { token: string; flightId: string; t: T }) {
  const [view, setView] = useState<FlightView | null>(null);
  const [photos, setPhotos] = useState<ServerPhoto[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(0);
  const [retryError, setRetryError] = useState<string | null>(null);
  const retry = async (p: ServerPhoto) => {
    setRetryError(null);
    try {
      // The row moves with the event stream (queued, analysing, …), in the server's order: applying this
      // answer too could put "queued" back over a quick second failure.
      await api<ServerPhoto>(token, 'POST', `/photos/${p.id}/retry`);
    } catch (e) {
      setRetryError(t('upload.retryFailed', { name: p.filename, message: e instanceof ApiError ? e.message : String(e) }));
    }
  };

  useEffect(() => {
    let live = true;
    const reload = async () => {
      last.current = Date.now();
      const { photos: list } = await api<{ photos: ServerPhoto[] }>(token, 'GET', `/flights/${flightId}/photos`);
      if (live) setPhotos(list);
    };
    const soon = () => {
      if (timer.current) return;
      timer.current = setTimeout(() => { timer.current = null; void reload(); }, Math.max(0, last.current + RELOAD_MS - Date.now()));
    };
    void reload();
    const stop = followFlight(token, flightId, {
      progress: (v) => { setView(v); soon(); },
      photo: (e) => setPhotos((ps) => ps.map((p) => (p.id === e.photoId ? { ...p, state: e.state as ServerPhoto['state'], stage: e.stage ?? null } : p))),
      done: () => void reload(),
    });
    return () => {
      live = false;
      stop();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [token, flightId]);

  if (!view || view.state === 'empty') return null;
  const total = Object.values(view.photos).reduce((a, b) => a + b, 0);
  const finished = (view.photos.done ?? 0) + (view.photos.failed ?? 0);
  const hotspots = view.hotspots.total ?? 0;
  return (
    <div data-testid="processing" data-state={view.state}>
      <h2>{t('upload.processing')}</h2>
      <label for="analysed-progress">{t('upload.analysed', { done: String(finished), total: String(total) })}</label>
      <progress id="analysed-progress" max={total} value={finished} />
      <p role="status" data-testid="flight-state">{view.state === 'done' ? t('upload.flightDone', { n: String(hotspots) }) : t('upload.flightProcessing')}</p>
      <ul class="counts">
        {(['uploaded', 'queued', 'analysing', 'done', 'failed'] as const).map((s) => <li key={s} data-state={s}>{t('countOf', { label: t(`photo.${s}`), n: String(view.photos[s] ?? 0) })}</li>)}
      </ul>
      {retryError && <p class="error" role="alert">{retryError}</p>}
      {photos.length > 0 && (
        <table class="files server-photos">
          <caption>{t('upload.onServer')}</caption>
          <thead><tr><th scope="col">{t('upload.colPhoto')}</th><th scope="col">{t('upload.colState')}</th><th scope="col">{t('upload.colWarnings')}</th></tr></thead>
          <tbody>
            {photos.map((p) => (
              <tr key={p.id} data-state={p.state} data-file={p.filename}>
                <td id={`file-${p.id}`} translate={false}>{p.filename}</td>
                <td>
                  {stateText(p, t)}
                  {p.state === 'failed' && (
                    <button type="button" class="retry" aria-describedby={`file-${p.id}`} onClick={() => void retry(p)}>{t('upload.retry')}</button>
                  )}
                </td>
                <td>{p.warnings.map((w) => codeText(t, 'warning', w.code, w.message)).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function stateText(p: ServerPhoto, t: T): string {
  const state = t(`photo.${p.state}`);
  const stage = p.stage ? codeText(t, 'stage', p.stage, '') : '';
  if (p.state === 'analysing' && stage) return `${state}: ${stage}`;
  if (p.state === 'failed' && p.error) return `${state}: ${codeText(t, 'error', p.error.code, t('error.other'))}`;
  return state;
}
