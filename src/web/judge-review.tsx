import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { useAuthorizedImage } from './authorized-image';
import { followFlight, type FlightView } from './flight-events';
import { FlightSelect, useChosenFlight, useFlights } from './flights';
import { codeText, type T } from './i18n';
import { FlightMap } from './map/flight-map';
import type { MapHotspot, MapPhoto } from './map/map-data';
import { useGroundThumbnails } from './map/use-ground-thumbnails';
import { PhotoViewer, type ViewerCommand } from './review/photo-viewer';
import { reviewCommand } from './review/review-keys';
import { current, decide, newQueue, pendingCount, refreshQueue, step, undoLast, undoTarget, type ReviewQueue, type Status } from './review/review-queue';
import './judge-review.css';

interface Sighting { photo: string; photoId: string | null; pixel: number[]; bbox: number[]; confidence: number; warnings?: { code: string; message: string }[] }
interface HotspotItem { id: string; class: string; confidence: number; position: number[] | null; status: Status; observations: Sighting[] }
interface ReviewEntry { decision: Status; note: string | null; reviewer: { id: string; name: string }; at: string }
interface HotspotDetail extends HotspotItem { reviews: ReviewEntry[] }
type PhotoItem = MapPhoto;

/** The judge's small map shows every layer, and no base map: the sighting photos on the ground are the context. */
const ALL_LAYERS = { photos: true, footprints: true, hotspots: true } as const;

/**
 * The judge's page: one hotspot at a time, keyboard first. The queue holds the flight's hotspots, best
 * first, starting at the first pending one; a decision saves at once and moves to the next pending one.
 */
export function JudgeReview({ token, t }: { token: string; t: T }) {
  const { flights } = useFlights(token);
  // The flight chosen on any page, else the first with hotspots waiting for a judge, else the newest.
  const [flightId, setFlightId] = useChosenFlight(flights, (f) => (f.hotspots.pending ?? 0) > 0);
  const [flight, setFlight] = useState<FlightView | null>(null);
  const [queue, setQueue] = useState<ReviewQueue>(newQueue([]));
  const [hotspots, setHotspots] = useState<Map<string, HotspotItem>>(new Map());
  const [photos, setPhotos] = useState<Map<string, PhotoItem>>(new Map());
  // With the id it was asked for (an old id answers with its successor's detail).
  const [loadedDetail, setDetail] = useState<{ id: string; detail: HotspotDetail } | null>(null);
  const [sightingIndex, setSightingIndex] = useState(0);
  const [note, setNote] = useState('');
  const [said, setSaid] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [command, setCommand] = useState<ViewerCommand | null>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);


  const load = async (id: string, fresh: boolean) => {
    const [{ hotspots: list }, { photos: ps }] = await Promise.all([
      api<{ hotspots: HotspotItem[] }>(token, 'GET', `/flights/${id}/hotspots`),
      api<{ photos: PhotoItem[] }>(token, 'GET', `/flights/${id}/photos`),
    ]);
    setHotspots(new Map(list.map((h) => [h.id, h])));
    setPhotos(new Map(ps.map((p) => [p.id, p])));
    const items = list.map((h) => ({ id: h.id, status: h.status }));
    commit(fresh ? newQueue(items) : refreshQueue(queueRef.current, items));
  };
  useEffect(() => {
    if (!flightId) return undefined;
    commit(newQueue([]));
    void load(flightId, true);
    return followFlight(token, flightId, { progress: setFlight, hotspots: () => void load(flightId, false) });
  }, [flightId]);

  const item = current(queue);
  const hotspot = item ? hotspots.get(item.id) ?? null : null;
  useEffect(() => {
    setSightingIndex(0);
    setNote('');
    if (!item) { setDetail(null); return; }
    const id = item.id;
    void api<HotspotDetail>(token, 'GET', `/hotspots/${id}`).then((detail) => setDetail({ id, detail }), () => setDetail(null));
  }, [item?.id, item?.status]);

  // The detail of the hotspot on screen only: the previous one's stays loaded until the next answer comes.
  const detail = loadedDetail && loadedDetail.id === item?.id ? loadedDetail.detail : null;
  const sightings = useMemo(() => [...(detail?.observations ?? hotspot?.observations ?? [])].sort((a, b) => b.confidence - a.confidence), [detail, hotspot]);
  const sighting = sightings[sightingIndex] ?? sightings[0] ?? null;
  const evidence = useAuthorizedImage(token, item ? `/hotspots/${item.id}/evidence.jpg` : null);
  const photoUrl = useAuthorizedImage(token, sighting?.photoId ? `/photos/${sighting.photoId}/original` : null);
  const sightingPhotos = useMemo(() => sightings.map((s) => (s.photoId ? photos.get(s.photoId) : undefined)).filter((p): p is PhotoItem => !!p), [sightings, photos]);
  const thumbnails = useGroundThumbnails(token, sightingPhotos, flightId);
  const mapHotspots = useMemo<MapHotspot[]>(() => (hotspot && item ? [{ id: hotspot.id, confidence: hotspot.confidence, position: hotspot.position as [number, number] | null, status: item.status }] : []), [hotspot, item?.status]);
  const mapWords = useMemo(() => ({
    region: t('review.mapLabel'), zoomIn: t('review.zoomIn'), zoomOut: t('review.zoomOut'),
    hotspot: (h: MapHotspot, n: number) => t('map.hotspotLabel', { n: String(n), status: t(`status.${h.status}`), confidence: `${Math.round(h.confidence * 100)}%` }),
  }), [t('review.mapLabel')]);
  const number = queue.index + 1;

  // Commands run one after another, each on the queue as the previous one left it (keys can come faster
  // than renders, and faster than the server answers); the ref is that latest queue.
  const queueRef = useRef(queue);
  queueRef.current = queue;
  const chain = useRef<Promise<void>>(Promise.resolve());
  const commit = (q: ReviewQueue) => { queueRef.current = q; setQueue(q); };
  const save = async (id: string, decision: Status, text: string | null) => {
    await api(token, 'POST', `/hotspots/${id}/review`, { decision, ...(text ? { note: text } : {}) });
  };
  const run = async (cmd: NonNullable<ReturnType<typeof reviewCommand>>) => {
    const q = queueRef.current;
    if (cmd === 'note') { noteBox.current?.focus(); return; }
    if (cmd === 'next' || cmd === 'previous') { commit(step(q, cmd === 'next' ? 1 : -1)); return; }
    if (cmd === 'zoomIn' || cmd === 'zoomOut' || cmd === 'zoomFit') { setCommand({ kind: cmd, seq: Date.now() }); return; }
    setError(null);
    try {
      if (cmd === 'undo') {
        const last = undoTarget(q);
        if (!last) return;
        await save(last.id, last.before, null);
        commit(undoLast(queueRef.current));
        setSaid(t('review.undone', { n: String(q.items.findIndex((i) => i.id === last.id) + 1) }));
      } else {
        const it = current(q);
        if (!it) return;
        const decision = cmd === 'confirm' ? 'confirmed' : 'rejected';
        // The note box itself, not state: its last keystroke may not have rendered yet.
        await save(it.id, decision, noteBox.current?.value.trim() || null);
        setSaid(t('review.saved', { decision: t(`status.${decision}`), n: String(q.index + 1) }));
        commit(decide(queueRef.current, decision));
      }
    } catch (e) {
      setError(t('review.failed', { message: e instanceof ApiError ? e.message : String(e) }));
    }
  };
  const act = (cmd: NonNullable<ReturnType<typeof reviewCommand>>): Promise<void> => {
    // The note box and the zoom answer at once: what is typed next must land in the box, not wait for a save.
    if (cmd === 'note' || cmd === 'zoomIn' || cmd === 'zoomOut' || cmd === 'zoomFit') return run(cmd);
    return (chain.current = chain.current.then(() => run(cmd)));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const inField = !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
      if (e.key === 'Escape' && el === noteBox.current) { noteBox.current?.blur(); return; }
      const cmd = reviewCommand({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, inField });
      if (!cmd) return;
      e.preventDefault();
      void act(cmd);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const warnings = sightings.flatMap((s) => s.warnings ?? []);
  const uniqueWarnings = [...new Map(warnings.map((w) => [w.code, w])).values()];
  return (
    <section class="card review" aria-labelledby="review-title">
      <h1 id="review-title">{t('review.title')}</h1>
      <div class="review-head">
        <div><FlightSelect id="review-flight" flights={flights} value={flightId} onChange={setFlightId} t={t} /></div>
        <p class="muted" data-testid="queue-position">
          {queue.items.length > 0 && t('review.queue', { n: String(number), total: String(queue.items.length) })}
          {queue.items.length > 0 && ' · '}
          {t('review.pendingLeft', { n: String(pendingCount(queue)) })}
        </p>
      </div>
      <p class="keys muted"><strong>{t('review.keys')}:</strong> {t('review.keysHelp')}</p>
      <p role="status" class="said" data-testid="said">{said}</p>
      {error && <p class="error" role="alert">{error}</p>}
      {flight?.state === 'processing' && <p class="muted">{t('review.processing')}</p>}
      {!hotspot ? <p data-testid="review-empty">{t('review.empty')}</p> : (
        <>
          {pendingCount(queue) === 0 && <p class="muted">{t('review.allDone')}</p>}
          <div class="review-grid">
            <div class="review-side">
              <h2>{t('review.evidence')}</h2>
              {evidence ? <img class="evidence" src={evidence} alt={t('review.evidenceAlt')} /> : <div class="evidence placeholder" />}
              <dl class="facts" data-testid="hotspot-facts" data-hotspot={hotspot.id}>
                <dt>{t('review.status')}</dt><dd data-testid="status" data-status={item!.status}>{t(`status.${item!.status}`)}</dd>
                <dt>{t('review.confidence')}</dt><dd>{Math.round(hotspot.confidence * 100)} %</dd>
                <dt>{t('review.kind')}</dt><dd>{codeText(t, 'class', hotspot.class, hotspot.class)}</dd>
                <dt>{t('review.position')}</dt><dd>{hotspot.position ? `${hotspot.position[1]!.toFixed(6)}°, ${hotspot.position[0]!.toFixed(6)}°` : '—'}</dd>
                <dt>{t('review.warnings')}</dt>
                <dd>{uniqueWarnings.length === 0 ? t('review.noWarnings') : (
                  <ul class="warnings">{uniqueWarnings.map((w) => <li key={w.code}>{codeText(t, 'warning', w.code, w.message)}</li>)}</ul>
                )}</dd>
              </dl>
              <label for="review-note">{t('review.note')}</label>
              <textarea id="review-note" ref={noteBox} rows={2} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
              <div class="decide">
                <button type="button" class="confirm" onClick={() => void act('confirm')} aria-keyshortcuts="C">{t('review.confirm')}</button>
                <button type="button" class="reject" onClick={() => void act('reject')} aria-keyshortcuts="R">{t('review.reject')}</button>
              </div>
              <div class="decide">
                <button type="button" class="secondary" onClick={() => void act('previous')} aria-keyshortcuts="K">{t('review.previous')}</button>
                <button type="button" class="secondary" onClick={() => void act('next')} aria-keyshortcuts="J">{t('review.next')}</button>
                <button type="button" class="secondary" onClick={() => void act('undo')} aria-keyshortcuts="U" disabled={!undoTarget(queue)}>{t('review.undo')}</button>
              </div>
              <h2>{t('review.history')}</h2>
              {detail && detail.reviews.length > 0 ? (
                <ol class="history" data-testid="history">
                  {detail.reviews.map((r, i) => (
                    <li key={i}>
                      {t('review.historyItem', { decision: t(`decision.${r.decision}`), name: r.reviewer.name, at: localTime(r.at) })}
                      {r.note ? <q>{r.note}</q> : null}
                    </li>
                  ))}
                </ol>
              ) : <p class="muted">{t('review.noHistory')}</p>}
            </div>
            <div class="review-main">
              <h2>{t('review.photo')}{sighting ? <> · <span translate={false}>{sighting.photo}</span></> : null}</h2>
              {sighting && <PhotoViewer src={photoUrl} name={sighting.photo} bbox={sighting.bbox} pixel={sighting.pixel} command={command} t={t} />}
              <h2>{t('review.sightings', { n: String(sightings.length) })}</h2>
              <ul class="sightings">
                {sightings.map((s, i) => (
                  <li key={`${s.photo}-${i}`}>
                    <SightingThumb token={token} sighting={s} selected={i === sightingIndex} onSelect={() => setSightingIndex(i)} t={t} />
                  </li>
                ))}
              </ul>
              <h2>{t('review.map')}</h2>
              <FlightMap fitKey={hotspot.id} photos={sightingPhotos} thumbnails={thumbnails} hotspots={mapHotspots} show={ALL_LAYERS}
                baseMapUrl={null} focus={null} words={mapWords} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function SightingThumb({ token, sighting, selected, onSelect, t }: { token: string; sighting: Sighting; selected: boolean; onSelect: () => void; t: T }) {
  const url = useAuthorizedImage(token, sighting.photoId ? `/photos/${sighting.photoId}/thumbnail.jpg` : null);
  return (
    <button type="button" class="thumb" aria-pressed={selected} onClick={onSelect}>
      {url ? <img src={url} alt={t('review.sightingAlt', { name: sighting.photo })} /> : <span class="thumb-empty" />}
      <span><span translate={false}>{sighting.photo}</span> · {Math.round(sighting.confidence * 100)} %</span>
    </button>
  );
}

/** A time as the user's browser writes it in the page's language (en-GB stays en-GB, not the bare en's US form). */
function localTime(iso: string): string {
  const lang = document.documentElement.lang;
  const locale = navigator.languages.find((l) => l.toLowerCase().startsWith(lang.slice(0, 2).toLowerCase())) ?? lang;
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
