/**
 * The photo viewer's zoom and pan, pure. A view is a scale (screen px per image px) and the screen position
 * of the image's top-left corner, in a viewport of the given size.
 */
export interface View {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export const MAX_SCALE = 8;

/** The whole image, centred and as large as fits. */
export function fitView(image: Size, viewport: Size): View {
  const scale = Math.min(viewport.width / image.width, viewport.height / image.height);
  return { scale, x: (viewport.width - image.width * scale) / 2, y: (viewport.height - image.height * scale) / 2 };
}

/** Zoom by `factor` keeping the image point under the screen point (px, py) in place; no smaller than fit, no larger than MAX_SCALE. */
export function zoomAt(v: View, factor: number, px: number, py: number, image: Size, viewport: Size): View {
  const min = fitView(image, viewport).scale;
  const scale = Math.min(MAX_SCALE, Math.max(min, v.scale * factor));
  const k = scale / v.scale;
  return clampView({ scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k }, image, viewport);
}

/** The box [x0, y0, x1, y1] (image px) with a margin, centred and as large as fits. */
export function boxView(box: readonly number[], image: Size, viewport: Size, margin = 1.5): View {
  const [x0, y0, x1, y1] = box as [number, number, number, number];
  const w = Math.max(1, (x1 - x0) * margin);
  const h = Math.max(1, (y1 - y0) * margin);
  const min = fitView(image, viewport).scale;
  const scale = Math.min(MAX_SCALE, Math.max(min, Math.min(viewport.width / w, viewport.height / h)));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return clampView({ scale, x: viewport.width / 2 - cx * scale, y: viewport.height / 2 - cy * scale }, image, viewport);
}

export function panBy(v: View, dx: number, dy: number, image: Size, viewport: Size): View {
  return clampView({ ...v, x: v.x + dx, y: v.y + dy }, image, viewport);
}

/** Keeps the image covering the viewport where it is larger, and centred where it is smaller. */
export function clampView(v: View, image: Size, viewport: Size): View {
  const axis = (pos: number, length: number, room: number): number =>
    length <= room ? (room - length) / 2 : Math.min(0, Math.max(room - length, pos));
  return { scale: v.scale, x: axis(v.x, image.width * v.scale, viewport.width), y: axis(v.y, image.height * v.scale, viewport.height) };
}
