import { useMemo, useState } from 'preact/hooks';
import './analyst-map.css';
import { FlightSelect, useChosenFlight, useFlights } from './flights';
import type { MessageKey, T } from './i18n';
import { BaseMapSettings, useBaseMapUrl } from './map/base-map-settings';
import { downloadReport, REPORT_FORMATS, type ReportFormat } from './map/download-report';
import { FlightMap } from './map/flight-map';
import { HotspotTable } from './map/hotspot-table';
import { filterHotspots, REVIEW_STATUSES, type HotspotFilter, type MapHotspot, type StatusFilter } from './map/map-data';
import { useFlightMapData } from './map/use-flight-map-data';
import { useGroundThumbnails } from './map/use-ground-thumbnails';

/**
 * The analyst's map: a flight's photos laid on the ground (the base map when offline), their footprints
 * and hotspots by review status, with a status filter that also applies to the GeoJSON, KML and CSV
 * downloads. An online base map only when the analyst sets one.
 */
export function AnalystMap({ token, t }: { token: string; t: T }) {
  const { flights } = useFlights(token);
  const [flightId, setFlightId] = useChosenFlight(flights);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [minPercent, setMinPercent] = useState(0);
  const filter: HotspotFilter = useMemo(() => ({ status, minConfidence: minPercent / 100 }), [status, minPercent]);
  const [show, setShow] = useState({ photos: true, footprints: true, hotspots: true });
  const [focus, setFocus] = useState<{ id: string; at: number } | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [baseMapUrl, setBaseMapUrl] = useBaseMapUrl();
  const data = useFlightMapData(token, flightId);
  const thumbnails = useGroundThumbnails(token, data.photos, flightId);
  const shown = useMemo(() => filterHotspots(data.hotspots, filter), [data.hotspots, filter]);
  const flight = flights.find((f) => f.id === flightId);

  const statusWord = (s: StatusFilter) => t(s === 'all' ? 'map.status.all' : `status.${s}`);
  const percent = (c: number) => `${Math.round(c * 100)}%`;
  // Stable while the language stays: the map redraws its markers only when these change.
  const words = useMemo(() => ({
    region: t('map.region'), zoomIn: t('map.zoomIn'), zoomOut: t('map.zoomOut'),
    hotspot: (h: MapHotspot, n: number) => t('map.hotspotLabel', { n: String(n), status: statusWord(h.status), confidence: percent(h.confidence) }),
  }), [t('map.region')]);

  const download = async (format: ReportFormat) => {
    setDownloadError(null);
    try {
      await downloadReport(token, flightId, format, filter, `${flight?.name ?? 'flight'}-${status}.${format}`);
    } catch (e) {
      setDownloadError(t('map.downloadFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const onGround = data.photos.filter((p) => p.groundCorners && thumbnails.has(p.id)).length;
  const unplaced = shown.filter((h) => !h.position).length;

  return (
    <section class="card analyst-map" aria-labelledby="map-title">
      <h1 id="map-title">{t('map.title')}</h1>
      <p class="muted">{t('map.help')}</p>
      {flights.length === 0 ? <p>{t('map.noFlights')}</p> : (
        <div class="map-layout">
          <div class="map-controls">
            <FlightSelect id="map-flight" flights={flights} value={flightId} onChange={setFlightId} t={t} />
            <fieldset>
              <legend>{t('map.filters')}</legend>
              <label for="map-status">{t('map.status')}</label>
              <select id="map-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as StatusFilter)}>
                {(['all', ...REVIEW_STATUSES] as const).map((s) => <option key={s} value={s}>{statusWord(s)}</option>)}
              </select>
              <label for="map-min-confidence">{t('map.minConfidence')}</label>
              <div class="map-range">
                <input id="map-min-confidence" type="range" min={0} max={100} step={5} value={minPercent}
                  aria-valuetext={`${minPercent}%`} onInput={(e) => setMinPercent(Number((e.target as HTMLInputElement).value))} />
                <output for="map-min-confidence" data-testid="min-confidence">{minPercent}%</output>
              </div>
            </fieldset>
            <fieldset class="map-layers">
              <legend>{t('map.layers')}</legend>
              {(['photos', 'footprints', 'hotspots'] as const).map((k) => (
                <label key={k} class="check">
                  <input type="checkbox" checked={show[k]} onChange={(e) => setShow((s) => ({ ...s, [k]: (e.target as HTMLInputElement).checked }))} />
                  {t(`map.layer.${k}` as MessageKey)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('map.downloads')}</legend>
              <div class="map-downloads">
                {REPORT_FORMATS.map(({ format, label }) => (
                  <button key={format} type="button" disabled={!flightId} onClick={() => void download(format)}>{t('map.download', { format: label })}</button>
                ))}
              </div>
              {downloadError && <p class="error" role="alert">{downloadError}</p>}
            </fieldset>
            <Legend t={t} />
          </div>
          <div class="map-main">
            <FlightMap fitKey={flightId} photos={data.photos} thumbnails={thumbnails} hotspots={shown} show={show}
              baseMapUrl={baseMapUrl} focus={focus} words={words} />
            <p class="muted" aria-live="polite" data-testid="map-counts">
              {data.loading ? t('map.loading') : t('map.counts', { photos: String(onGround), hotspots: String(shown.length - unplaced) })}
            </p>
            {unplaced > 0 && <p class="muted">{t('map.noPosition', { n: String(unplaced) })}</p>}
            {data.error && <p class="error" role="alert">{t('map.loadFailed', { message: data.error })}</p>}
          </div>
        </div>
      )}
      <HotspotTable hotspots={shown} t={t} statusWord={statusWord} percent={percent} onShow={(id) => setFocus({ id, at: Date.now() })} />
      <BaseMapSettings value={baseMapUrl} onChange={setBaseMapUrl} t={t} />
    </section>
  );
}

function Legend({ t }: { t: T }) {
  return (
    <fieldset class="map-legend">
      <legend>{t('map.legend')}</legend>
      <ul>
        {REVIEW_STATUSES.map((s) => (
          <li key={s}><span class={`legend-symbol hotspot-marker hotspot-${s}`} aria-hidden="true" />{t(`status.${s}`)}</li>
        ))}
        <li><span class="legend-symbol legend-footprint" aria-hidden="true" />{t('map.layer.footprints')}</li>
      </ul>
    </fieldset>
  );
}
