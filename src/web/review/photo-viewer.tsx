import { useEffect, useRef, useState } from 'preact/hooks';
import type { T } from '../i18n';
import { boxView, fitView, panBy, zoomAt, type Size, type View } from './zoom';

/** Arrow keys move the picture a fifth of the frame, the way the arrow points to look. */
const ARROWS: Readonly<Record<string, readonly [number, number]>> = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

export interface ViewerCommand {
  readonly kind: 'zoomIn' | 'zoomOut' | 'zoomFit' | 'zoomBox';
  /** Changes on every command, so the same command twice still applies. */
  readonly seq: number;
}

/**
 * The whole photo, zoomable (wheel, buttons, + − 0 keys through `command`) and draggable, with the
 * detection's box and source point drawn over it in image pixels. Opens framed on the detection.
 */
export function PhotoViewer({ src, name, bbox, pixel, command, t }: {
  src: string | null; name: string; bbox: readonly number[]; pixel: readonly number[]; command: ViewerCommand | null; t: T;
}) {
  const frame = useRef<HTMLDivElement>(null);
  // The loaded image's size, with the URL it belongs to: a load event may come before any effect could reset it.
  const [loaded, setLoaded] = useState<{ src: string; size: Size } | null>(null);
  const image = loaded && loaded.src === src ? loaded.size : null;
  const [view, setView] = useState<View | null>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const viewport = (): Size => ({ width: frame.current?.clientWidth ?? 1, height: frame.current?.clientHeight ?? 1 });

  useEffect(() => {
    if (image) setView(boxView(bbox, image, viewport(), 3));
  }, [image?.width, image?.height, src, bbox.join(',')]);
  useEffect(() => { if (command) zoom(command.kind); }, [command?.seq]);

  const onWheel = (e: WheelEvent) => {
    if (!image || !view) return;
    e.preventDefault();
    const r = frame.current!.getBoundingClientRect();
    setView(zoomAt(view, Math.exp(-e.deltaY / 300), e.clientX - r.left, e.clientY - r.top, image, viewport()));
  };
  const onPointerDown = (e: PointerEvent) => {
    drag.current = { x: e.clientX, y: e.clientY };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!drag.current || !image || !view) return;
    setView(panBy(view, e.clientX - drag.current.x, e.clientY - drag.current.y, image, viewport()));
    drag.current = { x: e.clientX, y: e.clientY };
  };
  const stop = () => { drag.current = null; };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = ARROWS[e.key];
    if (!step || !image || !view) return;
    e.preventDefault();
    const vp = viewport();
    setView(panBy(view, step[0] * vp.width * 0.2, step[1] * vp.height * 0.2, image, vp));
  };
  const zoom = (kind: ViewerCommand['kind']) => {
    if (!image || !view) return;
    const vp = viewport();
    if (kind === 'zoomFit') setView(fitView(image, vp));
    else if (kind === 'zoomBox') setView(boxView(bbox, image, vp, 3));
    else setView(zoomAt(view, kind === 'zoomIn' ? 1.5 : 1 / 1.5, vp.width / 2, vp.height / 2, image, vp));
  };

  const [x0, y0, x1, y1] = bbox as [number, number, number, number];
  const stroke = image ? Math.max(image.width, image.height) / 400 : 4;
  const placed = view && image;
  return (
    <div class="viewer">
      <div class="viewer-tools" role="group" aria-label={t('review.photo')}>
        <button type="button" onClick={() => zoom('zoomIn')}>{t('review.zoomIn')}</button>
        <button type="button" onClick={() => zoom('zoomOut')}>{t('review.zoomOut')}</button>
        <button type="button" onClick={() => zoom('zoomFit')}>{t('review.zoomFit')}</button>
        <button type="button" onClick={() => zoom('zoomBox')}>{t('review.zoomBox')}</button>
        {placed && <span class="muted" data-testid="zoom">{Math.round(view.scale * 100)} %</span>}
      </div>
      {/* Focusable so the arrow keys pan it (the review keys work here too). */}
      <div class="viewer-frame" ref={frame} tabIndex={0} role="group" aria-label={t('review.panHelp')} onKeyDown={onKeyDown}
        onWheel={onWheel} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={stop} onPointerCancel={stop}>
        {src && (
          <div class="viewer-layer" style={placed ? { transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`, width: `${image.width}px`, height: `${image.height}px` } : { visibility: 'hidden' }}>
            <img src={src} alt={t('review.photoAlt', { name })} draggable={false}
              onLoad={(e) => { const i = e.currentTarget; setLoaded({ src, size: { width: i.naturalWidth, height: i.naturalHeight } }); }} />
            {image && (
              <svg class="viewer-marks" viewBox={`0 0 ${image.width} ${image.height}`} aria-hidden="true">
                <rect x={x0} y={y0} width={x1 - x0} height={y1 - y0} fill="none" stroke="#ffbf00" stroke-width={stroke} />
                <circle cx={pixel[0]} cy={pixel[1]} r={stroke * 4} fill="none" stroke="#ff2d55" stroke-width={stroke} />
                <circle cx={pixel[0]} cy={pixel[1]} r={stroke} fill="#ff2d55" />
              </svg>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
