/**
 * What a file that is not an image looks like, from its first bytes, so a user hears "an HTML page renamed
 * .jpg" rather than a decoder's "unsupported image format". Returns null for the image formats we read
 * (JPEG, PNG, TIFF, WebP, HEIF/AVIF), whether or not the rest of the file is intact.
 */
export function describeNonImage(head: Uint8Array): string | null {
  if (head.length === 0) return 'an empty file (0 bytes)';
  const starts = (...sig: number[]): boolean => sig.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return null; // JPEG
  if (starts(0x89, 0x50, 0x4e, 0x47)) return null; // PNG
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return null; // TIFF
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...head.subarray(8, 12)) === 'WEBP') return null;
  if (String.fromCharCode(...head.subarray(4, 8)) === 'ftyp') return null; // HEIF, AVIF
  const text = Buffer.from(head.subarray(0, 512)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^<!doctype html|^<html/i.test(text)) return 'an HTML page, not a photo';
  if (/^<\?xml|^<svg/i.test(text)) return 'an XML or SVG document, not a photo';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document, not a photo';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive, not a photo';
  if (head.length < 16) return `too short to be an image (${head.length} bytes)`;
  return 'not a JPEG, PNG, TIFF, WebP or HEIF image';
}

/**
 * Whether a JPEG's last bytes hold its end-of-image marker (FF D9), allowing the zero padding some cameras
 * add after it: a file cut off in transfer lacks it. True for other formats (they are checked when decoded).
 */
export function endsLikeCompleteImage(head: Uint8Array, tail: Uint8Array): boolean {
  if (!(head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)) return true;
  let end = tail.length;
  while (end > 0 && tail[end - 1] === 0x00) end--;
  return end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === 0xd9;
}
