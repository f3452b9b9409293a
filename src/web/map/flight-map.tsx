import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import { GroundImageLayer } from './ground-image-layer';
import { flightBounds, type MapHotspot, type MapPhoto } from './map-data';

export interface FlightMapProps {
  /** The view is fitted to the photos once per key (a flight; for the judge, a hotspot). */
  readonly fitKey: string;
  readonly photos: readonly MapPhoto[];
  readonly thumbnails: ReadonlyMap<string, string>;
  /** Already filtered. */
  readonly hotspots: readonly MapHotspot[];
  readonly show: { readonly photos: boolean; readonly footprints: boolean; readonly hotspots: boolean };
  /** A tile URL template, or null for no base map (nothing requested from outside). */
  readonly baseMapUrl: string | null;
  /** The hotspot to centre on and show (a click on "Show" in the list). */
  readonly focus: { readonly id: string; readonly at: number } | null;
  readonly words: { readonly region: string; readonly zoomIn: string; readonly zoomOut: string; readonly hotspot: (h: MapHotspot, rank: number) => string };
}

/**
 * The Leaflet map: optional base tiles, then the photos laid on the ground, their footprints and the
 * hotspots (a shape and colour per review status). No attribution control (no third-party data unless
 * a base map is set) and the zoom buttons in the page's language.
 */
export function FlightMap(p: FlightMapProps) {
  const div = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const groups = useRef({ photos: L.layerGroup(), footprints: L.layerGroup(), hotspots: L.layerGroup() });
  const markers = useRef(new Map<string, L.Marker>());
  const fitted = useRef<string | null>(null);

  useEffect(() => {
    const m = L.map(div.current!, { zoomControl: false, attributionControl: false, maxZoom: 23, minZoom: 2, zoomSnap: 0.25 });
    m.setView([0, 0], 2);
    map.current = m;
    const resized = new ResizeObserver(() => m.invalidateSize());
    resized.observe(div.current!);
    return () => { resized.disconnect(); m.remove(); map.current = null; };
  }, []);

  useEffect(() => {
    const zoom = L.control.zoom({ zoomInTitle: p.words.zoomIn, zoomOutTitle: p.words.zoomOut });
    map.current?.addControl(zoom);
    return () => { zoom.remove(); };
  }, [p.words.zoomIn, p.words.zoomOut]);

  useEffect(() => {
    if (!p.baseMapUrl || !map.current) return undefined;
    const tiles = L.tileLayer(p.baseMapUrl, { maxNativeZoom: 19, maxZoom: 23, className: 'base-map' }).addTo(map.current);
    return () => { tiles.remove(); };
  }, [p.baseMapUrl]);

  useEffect(() => {
    const g = groups.current.photos;
    g.clearLayers();
    for (const photo of p.photos) {
      const url = p.thumbnails.get(photo.id);
      if (url && photo.groundCorners) g.addLayer(new GroundImageLayer(url, photo.groundCorners));
    }
    const f = groups.current.footprints;
    f.clearLayers();
    for (const photo of p.photos) {
      const ring = photo.footprint?.coordinates[0];
      if (ring) f.addLayer(L.polygon(ring.map(([lon, lat]) => [lat, lon] as [number, number]), { className: 'footprint', color: '#0b5cad', weight: 1.5, fill: false, interactive: false }));
    }
  }, [p.photos, p.thumbnails]);

  useEffect(() => {
    const g = groups.current.hotspots;
    g.clearLayers();
    markers.current.clear();
    p.hotspots.forEach((h, i) => {
      if (!h.position) return;
      const label = p.words.hotspot(h, i + 1);
      const marker = L.marker([h.position[1], h.position[0]], {
        icon: L.divIcon({ className: `hotspot-marker hotspot-${h.status}`, html: `<span class="hotspot-rank" aria-hidden="true">${i + 1}</span>`, iconSize: [26, 26] }),
        title: label, keyboard: true, riseOnHover: true,
      }).bindTooltip(label, { direction: 'top', offset: [0, -14] });
      marker.on('add', () => marker.getElement()?.setAttribute('data-hotspot', h.id));
      markers.current.set(h.id, marker);
      g.addLayer(marker);
    });
  }, [p.hotspots, p.words]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    for (const key of ['photos', 'footprints', 'hotspots'] as const) {
      if (p.show[key]) groups.current[key].addTo(m);
      else groups.current[key].remove();
    }
  }, [p.show.photos, p.show.footprints, p.show.hotspots]);

  useEffect(() => {
    const m = map.current;
    if (!m || fitted.current === p.fitKey) return;
    // Wait for the photos: fitted to the hotspots alone, the view would jump when they arrive.
    if (p.photos.length === 0) return;
    const b = flightBounds(p.photos, p.hotspots);
    if (!b) return;
    m.fitBounds(b, { padding: [16, 16], animate: false });
    fitted.current = p.fitKey;
  }, [p.fitKey, p.photos, p.hotspots]);

  useEffect(() => {
    const marker = p.focus ? markers.current.get(p.focus.id) : undefined;
    if (!marker || !map.current) return;
    map.current.setView(marker.getLatLng(), Math.max(map.current.getZoom(), 19), { animate: false });
    marker.openTooltip();
    marker.getElement()?.focus();
  }, [p.focus]);

  return <div ref={div} class="flight-map" role="region" aria-label={p.words.region} data-testid="flight-map" />;
}
