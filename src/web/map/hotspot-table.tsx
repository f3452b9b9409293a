import type { T } from '../i18n';
import type { MapHotspot, ReviewStatus } from './map-data';

/** The hotspots on the map as a table (for keyboards and screen readers), each with a button to show it. */
export function HotspotTable({ hotspots, t, statusWord, percent, onShow }: {
  hotspots: readonly MapHotspot[]; t: T; statusWord: (s: ReviewStatus) => string; percent: (c: number) => string; onShow: (id: string) => void;
}) {
  if (hotspots.length === 0) return <p class="muted">{t('map.noHotspots')}</p>;
  return (
    <table class="map-hotspots" data-testid="map-hotspots">
      <caption>{t('map.hotspots')}</caption>
      <thead>
        <tr><th scope="col">{t('map.col.rank')}</th><th scope="col">{t('map.col.status')}</th><th scope="col">{t('map.col.confidence')}</th><th scope="col">{t('map.col.position')}</th><th scope="col"><span class="visually-hidden">{t('map.show')}</span></th></tr>
      </thead>
      <tbody>
        {hotspots.map((h, i) => (
          <tr key={h.id} data-hotspot={h.id}>
            <td>{i + 1}</td>
            <td><span class={`legend-symbol hotspot-marker hotspot-${h.status}`} aria-hidden="true" />{statusWord(h.status)}</td>
            <td>{percent(h.confidence)}</td>
            <td>{h.position ? `${h.position[1].toFixed(6)}, ${h.position[0].toFixed(6)}` : '—'}</td>
            <td>{h.position && <button type="button" class="small" aria-label={t('map.showHotspot', { n: String(i + 1) })} onClick={() => onShow(h.id)}>{t('map.show')}</button>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
