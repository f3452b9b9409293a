import fs from 'node:fs/promises';

/** The first `bytes` bytes of a file (fewer when it is shorter). */
export async function readHead(file: string, bytes: number): Promise<Buffer> {
  const fd = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fd.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

/**
 * How much of a JPEG the server reads to learn its size and metadata: a camera writes its EXIF, XMP and
 * frame header in the first few hundred KiB. Reading only this much keeps a crafted upload (200 MB of
 * comment segments before the frame header) from making libvips or exifr hold it all in memory.
 */
export const JPEG_HEADER_BYTES = 4 * 1024 * 1024;
