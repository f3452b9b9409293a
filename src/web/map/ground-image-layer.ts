import * as L from 'leaflet';
import { cssMatrix3d, imageToQuad, type Quad } from './homography';

/** [longitude, latitude] of the image's top-left, top-right, bottom-right and bottom-left corners. */
export type LonLatCorners = readonly (readonly [number, number])[];

/**
 * A picture laid on the ground: an <img> in the overlay pane, warped by a CSS matrix3d so its four
 * corners sit on their ground points (a drone photo seen at an angle is a trapezoid, which Leaflet's
 * ImageOverlay, an axis-aligned rectangle, cannot show). Recomputed from the corners' layer points on
 * every zoom and view reset; hidden during the zoom animation.
 */
export class GroundImageLayer extends L.Layer {
  private img: HTMLImageElement | null = null;
  private readonly corners: L.LatLng[];

  constructor(private readonly url: string, corners: LonLatCorners, private readonly className = '') {
    super();
    this.corners = corners.map(([lon, lat]) => L.latLng(lat, lon));
  }

  override onAdd(map: L.Map): this {
    const img = L.DomUtil.create<'img'>('img', `ground-image leaflet-zoom-hide ${this.className}`.trim());
    img.alt = '';
    img.draggable = false;
    img.decoding = 'async';
    img.onload = () => this.place();
    img.src = this.url;
    this.img = img;
    this.getPane()?.appendChild(img);
    this.place(map);
    return this;
  }

  override onRemove(): this {
    this.img?.remove();
    this.img = null;
    return this;
  }

  override getEvents(): Record<string, L.LeafletEventHandlerFn> {
    return { zoomend: () => this.place(), viewreset: () => this.place() };
  }

  getBounds(): L.LatLngBounds {
    return L.latLngBounds(this.corners);
  }

  private place(map: L.Map | undefined = (this as unknown as { _map?: L.Map })._map): void {
    const img = this.img;
    if (!img || !map || !img.naturalWidth) return;
    const pts = this.corners.map((c) => map.latLngToLayerPoint(c));
    // Relative to the top-left of the corners' box, so the matrix holds small numbers.
    const left = Math.min(...pts.map((p) => p.x));
    const top = Math.min(...pts.map((p) => p.y));
    const quad = pts.map((p) => [p.x - left, p.y - top] as const) as unknown as Quad;
    const m = imageToQuad(img.naturalWidth, img.naturalHeight, quad);
    if (!m) {
      img.style.display = 'none';
      return;
    }
    Object.assign(img.style, {
      display: '', position: 'absolute', left: `${left}px`, top: `${top}px`,
      width: `${img.naturalWidth}px`, height: `${img.naturalHeight}px`, transformOrigin: '0 0', transform: cssMatrix3d(m),
    });
  }
}
