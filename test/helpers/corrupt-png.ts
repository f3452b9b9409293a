import path from 'node:path';
import sharp from 'sharp';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'DJI_0101.JPG');

/** A PNG whose header is fine and whose pixel data is not: it passes the upload checks and fails analysis. */
export async function corruptPng(): Promise<Buffer> {
  const png = Buffer.from(await sharp(SAMPLE).resize(800).png().toBuffer());
  const idat = png.indexOf(Buffer.from('IDAT'));
  for (let i = idat + 200; i < idat + 260; i++) png[i]! ^= 0x5a;
  return png;
}
