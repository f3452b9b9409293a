/**
 * A decoded photo ready for analysis: 8-bit RGB, 3 interleaved channels, row-major, top-left origin, in the
 * displayed (EXIF-oriented) frame, possibly downscaled. `originalWidth`/`originalHeight` are the displayed
 * full-resolution size, so raster pixel (x, y) is photo pixel (x * originalWidth / width, y * originalHeight / height).
 */
export interface RgbRaster {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly originalWidth: number;
  readonly originalHeight: number;
}

/** A single-channel 8-bit raster (for image matching). */
export interface GrayRaster {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}
