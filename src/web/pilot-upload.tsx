import { useState } from 'preact/hooks';
import { api } from './api';
import type { FlightView } from './flight-events';
import { FlightSelect, useChosenFlight, useFlights } from './flights';
import { codeText, type MessageKey, type T } from './i18n';
import { ServerPhotos } from './upload/server-photos';
import { droppedFiles, sendPhoto, sha256Hex } from './upload/browser-io';
import { TransferMeter, type TransferStats } from './upload/transfer-stats';
import { runUpload, type QueuedFile } from './upload/upload-queue';

const IMAGE = /\.(jpe?g|png|tiff?|webp|heic|heif)$/i;

/**
 * The pilot's page: pick or create a flight, drop photos or a folder; each file's and the whole upload's
 * progress, with rate and time left; files the server already has are not sent again (a reload or a lost
 * connection resumes), failures retry by themselves; then the server's processing, live.
 */
export function PilotUpload({ token, t }: { token: string; t: T }) {
  const { flights, add } = useFlights(token);
  const [flightId, setFlightId] = useChosenFlight(flights);
  const [name, setName] = useState('');
  const [site, setSite] = useState('');
  const [files, setFiles] = useState<readonly QueuedFile<File>[]>([]);
  const [hashing, setHashing] = useState(false);
  const [stats, setStats] = useState<TransferStats | null>(null);


  const create = async (e: Event) => {
    e.preventDefault();
    const made = await api<FlightView>(token, 'POST', '/flights', { name: name.trim(), ...(site.trim() ? { site: site.trim() } : {}) });
    setName('');
    setSite('');
    add(made);
    setFlightId(made.id);
  };

  const upload = async (chosen: File[]) => {
    const photos = chosen.filter((f) => IMAGE.test(f.name));
    if (!flightId || photos.length === 0) return;
    setHashing(true);
    const entries = [];
    for (const file of photos) entries.push({ file, sha256: await sha256Hex(file), size: file.size });
    setHashing(false);
    const meter = new TransferMeter(entries.reduce((n, e) => n + e.size, 0));
    const counted = new Map<QueuedFile<File>, number>();
    await runUpload(entries, {
      known: async (shas) => new Set((await api<{ known: string[] }>(token, 'POST', `/flights/${flightId}/photos/check`, { sha256: shas })).known),
      send: (file, onProgress) => sendPhoto(token, flightId, file, onProgress),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      random: Math.random,
    }, {
      concurrency: 3,
      attempts: 6,
      onChange: (all) => {
        const list = all as QueuedFile<File>[];
        // Files the server already had are not part of this transfer: neither its size nor its rate.
        meter.setTotal(list.filter((f) => f.state !== 'skipped').reduce((n, f) => n + f.size, 0));
        for (const f of list) {
          if (f.state === 'skipped') continue;
          const before = counted.get(f) ?? 0;
          if (f.sent < before) meter.undo(before - f.sent);
          else if (f.sent > before) meter.add(f.sent - before, performance.now());
          counted.set(f, f.sent);
        }
        setFiles([...list]);
        setStats(meter.stats());
      },
    });
  };

  const done = files.filter((f) => f.state === 'done' || f.state === 'skipped').length;
  return (
    <section class="card" aria-labelledby="upload-title">
      <h1 id="upload-title">{t('upload.title')}</h1>
      <FlightSelect id="flight" flights={flights} value={flightId} onChange={setFlightId} t={t} />
      <form class="inline" onSubmit={(e) => void create(e)} aria-label={t('upload.newFlight')}>
        <h2>{t('upload.newFlight')}</h2>
        <label for="flight-name">{t('upload.flightName')}</label>
        <input id="flight-name" type="text" required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <label for="flight-site">{t('upload.site')}</label>
        <input id="flight-site" type="text" value={site} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />
        <button type="submit">{t('upload.create')}</button>
      </form>
      {!flightId ? <p class="muted">{t('upload.noFlight')}</p> : (
        <div class="drop" onDragOver={(e) => e.preventDefault()} onDrop={(e) => { e.preventDefault(); void droppedFiles(e.dataTransfer).then(upload); }}>
          {/* The native inputs are hidden (their button speaks the browser's language, not the app's); their labels are the buttons. */}
          <input id="photos" class="file" type="file" multiple accept="image/*" onChange={(e) => void upload(Array.from((e.target as HTMLInputElement).files ?? []))} />
          <label for="photos" class="button">{t('upload.choose')}</label>
          <input id="folder" class="file" ref={(el) => el?.setAttribute('webkitdirectory', '')} type="file" multiple onChange={(e) => void upload(Array.from((e.target as HTMLInputElement).files ?? []))} />
          <label for="folder" class="button">{t('upload.chooseFolder')}</label>
          <p class="muted">{t('upload.drop')}</p>
        </div>
      )}
      {hashing && <p role="status">{t('upload.hashing')}</p>}
      {files.length > 0 && stats && (
        <div class="overall">
          <label for="overall-progress">{t('upload.overall', { done: String(done), total: String(files.length) })}</label>
          <progress id="overall-progress" max={stats.bytesTotal} value={stats.bytesDone} />
          <p class="muted" data-testid="rate">{stats.rate ? t('upload.rate', { rate: formatRate(stats.rate), left: formatLeft(stats.secondsLeft, t) }) : ''}</p>
        </div>
      )}
      {files.length > 0 && (
        <table class="files" aria-label={t('upload.files')}>
          <tbody>
            {files.map((f) => (
              <tr key={f.sha256} data-state={f.state}>
                <td translate={false}>{f.file.name}</td>
                <td><progress max={f.size} value={f.sent} aria-label={f.file.name} /></td>
                <td>{f.state === 'rejected' ? t('upload.refusedBecause', { why: refusal(f.code, t) }) : t(`state.${f.state}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {flightId && <ServerPhotos key={flightId} token={token} flightId={flightId} t={t} />}
    </section>
  );
}

function refusal(code: string | null, t: T): string {
  return codeText(t, 'refusal', code ?? '', t('refusal.other'));
}

function formatRate(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}

function formatLeft(seconds: number | null, t: T): string {
  if (seconds === null) return '…';
  return seconds < 90 ? t('unit.seconds', { n: String(Math.ceil(seconds)) }) : t('unit.minutes', { n: String(Math.ceil(seconds / 60)) });
}
