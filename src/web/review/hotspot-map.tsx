import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import { fetchImageUrl } from '../authorized-image';
import type { T } from '../i18n';
import { GroundImageLayer, type LonLatCorners } from '../map/ground-image-layer';

export interface Footprint {
  readonly type: 'Polygon';
  readonly coordinates: number[][][];
}

export interface SightingPhoto {
  readonly id: string;
  readonly footprint: Footprint | null;
  readonly groundCorners: LonLatCorners | null;
}

/**
 * Where the hotspot is: its point on the photos that saw it, each laid on the ground with its footprint
 * outlined, on a map with no tile layer (nothing is fetched from outside; the photos are the context).
 */
export function HotspotMap({ token, position, photos, t }: { token: string; position: readonly number[] | null; photos: readonly SightingPhoto[]; t: T }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    const m = L.map(box.current!, { attributionControl: false, zoomControl: false, keyboard: false, maxZoom: 23 });
    L.control.zoom({ zoomInTitle: t('review.zoomIn'), zoomOutTitle: t('review.zoomOut') }).addTo(m);
    // The photos lie under the outlines and the point (the overlay pane is at 400).
    m.createPane('ground').style.zIndex = '350';
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    return () => { m.remove(); map.current = null; };
  }, [t('review.zoomIn')]);

  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return undefined;
    g.clearLayers();
    let live = true;
    const urls: string[] = [];
    const bounds = L.latLngBounds([]);
    for (const p of photos) {
      const corners = p.groundCorners;
      if (corners) {
        void fetchImageUrl(token, `/photos/${p.id}/thumbnail.jpg`).then((url) => {
          if (!live) { URL.revokeObjectURL(url); return; }
          urls.push(url);
          const ground = new GroundImageLayer(url, corners);
          L.setOptions(ground, { pane: 'ground' });
          ground.addTo(g);
        }, () => undefined);
      }
      const ring = (p.footprint?.coordinates[0] ?? []).map(([lon, lat]) => L.latLng(lat!, lon!));
      if (ring.length > 0) L.polygon(ring, { color: '#0b5cad', weight: 1, fill: false }).addTo(g);
      ring.forEach((q) => bounds.extend(q));
    }
    if (position) {
      const q = L.latLng(position[1]!, position[0]!);
      L.circleMarker(q, { radius: 8, color: '#ffffff', weight: 2, fillColor: '#d7263d', fillOpacity: 1 }).addTo(g);
      bounds.extend(q);
    }
    if (bounds.isValid()) m.fitBounds(bounds, { padding: [16, 16], maxZoom: 21 });
    else m.setView([0, 0], 1);
    return () => {
      live = false;
      urls.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [position?.join(','), photos.map((p) => p.id).join(',')]);

  return <div class="hotspot-map" ref={box} role="region" aria-label={t('review.mapLabel')} />;
}
