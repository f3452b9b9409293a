import { imageSize } from '../image/sharp-image';
import { photoQuality } from '../ingest/photo-quality';
import { readPhotoMeta } from '../metadata/read-photo-meta';
import { describeGeometry } from '../pipeline/describe-geometry';
import { withProbedSize } from '../pipeline/with-probed-size';
import type { Db } from '../store/open-database';
import type { Originals } from '../store/originals';
import { JPEG_HEADER_BYTES, readHead } from '../store/read-head';
import { flightsHolding, recordIngest, type PhotoRecord } from '../store/photos';

/**
 * Ingest checks of a stored photo, in the server, from its header and metadata only (a few milliseconds,
 * no pixels decoded): camera geometry (footprint, GSD) and the warnings a pilot should see at once (no
 * position, oblique or horizon in view, already in another flight). The checks of the picture itself
 * (dark, blown out, blurred) are made by the worker on the raster it decodes for the model anyway, and
 * added to these when its result is recorded: the API process never decodes a photo.
 */
export async function ingestPhoto(db: Db, originals: Originals, photo: PhotoRecord): Promise<void> {
  const file = originals.pathOf(photo.sha256);
  // The header and metadata only (see JPEG_HEADER_BYTES); the worker reads the whole photo when it analyses it.
  const head = photo.mediaType === 'image/jpeg' ? await readHead(file, JPEG_HEADER_BYTES) : file;
  const probed = await imageSize(head);
  const read = withProbedSize(await readPhotoMeta(head), { width: probed.width, height: probed.height, orientation: probed.orientation });
  const described = describeGeometry(read.meta);
  const quality = photoQuality({ meta: read.meta, gray: null, duplicateOf: flightsHolding(db, photo.sha256, photo.flightId) });
  recordIngest(db, photo.id, {
    meta: read.meta, intrinsics: described.intrinsics, gsd: described.gsd, footprint: described.footprint,
    groundCorners: described.groundCorners,
    width: probed.displayedWidth, height: probed.displayedHeight, notes: [...read.warnings, ...described.warnings],
  }, quality);
}
