import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import type { T } from '../i18n';

export interface Footprint {
  readonly type: 'Polygon';
  readonly coordinates: number[][][];
}

/**
 * Where the hotspot is: its point and the footprints of the photos that saw it, on a map with no tile layer
 * (nothing is fetched from outside; the footprints are the context).
 */
export function HotspotMap({ position, footprints, t }: { position: readonly number[] | null; footprints: readonly Footprint[]; t: T }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    const m = L.map(box.current!, { attributionControl: false, zoomControl: false, keyboard: false });
    L.control.zoom({ zoomInTitle: t('review.zoomIn'), zoomOutTitle: t('review.zoomOut') }).addTo(m);
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    return () => { m.remove(); map.current = null; };
  }, [t('review.zoomIn')]);

  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return;
    g.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const f of footprints) {
      const ring = (f.coordinates[0] ?? []).map(([lon, lat]) => L.latLng(lat!, lon!));
      L.polygon(ring, { color: '#0b5cad', weight: 1, fillOpacity: 0.08 }).addTo(g);
      ring.forEach((p) => bounds.extend(p));
    }
    if (position) {
      const p = L.latLng(position[1]!, position[0]!);
      L.circleMarker(p, { radius: 8, color: '#ffffff', weight: 2, fillColor: '#d7263d', fillOpacity: 1 }).addTo(g);
      bounds.extend(p);
    }
    if (bounds.isValid()) m.fitBounds(bounds, { padding: [16, 16], maxZoom: 19 });
    else m.setView([0, 0], 1);
  }, [position?.join(','), footprints]);

  return <div class="hotspot-map" ref={box} role="region" aria-label={t('review.mapLabel')} />;
}
