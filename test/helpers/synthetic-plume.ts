import sharp from 'sharp';

/**
 * A synthetic nadir photo of a river: grey-green water with mild noise, a vegetated bank, a grey road and a
 * brown sediment patch (look-alikes that must not fire), and optionally a red/purple dye plume drawn as an
 * SVG fan that is most concentrated at `source` and fades downstream.
 */
export interface PlumeScene {
  readonly width: number;
  readonly height: number;
  readonly source: [number, number];
  /** Downstream direction, degrees clockwise from +x. */
  readonly heading: number;
  readonly length: number;
  readonly halfAngle: number;
}

export const DEFAULT_SCENE: PlumeScene = { width: 1600, height: 1200, source: [520, 430], heading: 30, length: 700, halfAngle: 18 };

// Math's functions as module locals: global lookups are slow in jest's vm sandbox (40x on this loop).
const { imul, round, max, min } = Math;

export function sceneBackground(width: number, height: number, seed = 1): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let s = seed >>> 0;
  const rand = (): number => ((s = (imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let c: [number, number, number] = [88, 112, 100]; // water
      if (y < height * 0.12) c = [62, 108, 48]; // vegetated bank
      else if (y < height * 0.16) c = [122, 121, 118]; // road
      else if (x > width * 0.8 && y > height * 0.7) c = [132, 104, 70]; // sediment
      const n = rand() * 16;
      const i = (y * width + x) * 3;
      data[i] = clamp(c[0] + n);
      data[i + 1] = clamp(c[1] + n);
      data[i + 2] = clamp(c[2] + n);
    }
  }
  return data;
}

export function plumeSvg(scene: PlumeScene): string {
  const [sx, sy] = scene.source;
  const pt = (deg: number, r: number): string => {
    const a = ((scene.heading + deg) * Math.PI) / 180;
    return `${(sx + r * Math.cos(a)).toFixed(1)},${(sy + r * Math.sin(a)).toFixed(1)}`;
  };
  const arc = Array.from({ length: 9 }, (_, i) => pt(-scene.halfAngle + (i * scene.halfAngle) / 4, scene.length)).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}">
  <defs><radialGradient id="dye" gradientUnits="userSpaceOnUse" cx="${sx}" cy="${sy}" r="${scene.length}">
    <stop offset="0" stop-color="rgb(200,40,160)" stop-opacity="1"/>
    <stop offset="1" stop-color="rgb(200,40,160)" stop-opacity="0"/>
  </radialGradient></defs>
  <polygon points="${sx},${sy} ${arc}" fill="url(#dye)"/>
  <circle cx="${sx}" cy="${sy}" r="10" fill="rgb(200,40,160)"/>
</svg>`;
}

/** JPEG of the scene, with or without the plume. */
export async function sceneJpeg(scene: PlumeScene = DEFAULT_SCENE, withPlume = true, quality = 90): Promise<Buffer> {
  const raw = { width: scene.width, height: scene.height, channels: 3 as const };
  let img = sharp(sceneBackground(scene.width, scene.height), { raw });
  if (withPlume) img = img.composite([{ input: Buffer.from(plumeSvg(scene)), top: 0, left: 0 }]);
  return img.jpeg({ quality }).toBuffer();
}

function clamp(v: number): number {
  return max(0, min(255, round(v)));
}
