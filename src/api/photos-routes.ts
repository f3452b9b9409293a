import fs from 'node:fs';
import path from 'node:path';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { thumbnailJpeg } from '../image/sharp-image';
import { audit } from '../store/audit';
import { getFlight } from '../store/flights';
import { addPhoto, flightPhotos, getPhoto, knownChecksums, type PhotoRecord } from '../store/photos';
import { tokenOf } from './authenticate';
import type { AppDeps } from './app-deps';
import { flightFor } from './flights-routes';
import { HttpError, parseBody } from './http-error';
import { requireRole } from './require-role';
import { limitConcurrency } from '../service/limit-concurrency';
import { can } from './permissions';
import { receivePhotos, statusForRejections } from './receive-photos';

const Check = z.object({ sha256: z.array(z.string().regex(/^[0-9a-f]{64}$/i, 'a hex SHA-256')).max(10_000) }).strict();

export function photosRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();
  const uploadSlots = limitConcurrency(deps.limits.concurrentUploads);

  r.post('/flights/:id/photos', async (req, res) => {
    const flight = flightFor(db, req.params.id, tokenOf(res), 'flight:upload');
    if (!/^multipart\/form-data/i.test(req.get('content-type') ?? '')) {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the photos as multipart/form-data in the field "photos"');
    }
    const received = await uploadSlots.run(() => receivePhotos(req, deps.originals, deps.limits));
    const accepted: { id: string; filename: string; sha256: string; bytes: number; duplicate: boolean }[] = [];
    const rejected = received.filter((x) => !x.ok).map(({ filename, code, message }) => ({ filename, code, message }));
    for (const file of received) {
      if (!file.ok) continue;
      const { photo, duplicate } = addPhoto(db, { flightId: flight.id, sha256: file.stored.sha256, filename: file.filename, bytes: file.stored.bytes, mediaType: file.mediaType });
      accepted.push({ id: photo.id, filename: file.filename, sha256: photo.sha256, bytes: photo.bytes, duplicate });
      if (!duplicate) {
        audit(db, tokenOf(res).id, 'photo.upload', photo.id, { flight: flight.id, sha256: photo.sha256, filename: photo.filename, bytes: photo.bytes });
        deps.metrics.uploaded(photo.bytes);
        deps.onPhotoAccepted?.(photo);
      }
    }
    if (accepted.length === 0) {
      const status = rejected.length > 0 ? statusForRejections(rejected) : 400;
      const code = rejected.length > 0 ? (new Set(rejected.map((x) => x.code)).size === 1 ? rejected[0]!.code : 'ALL_FILES_REJECTED') : 'NO_FILES';
      const message = rejected.length > 0 ? rejected.map((x) => x.message).join('; ') : 'no files in the field "photos"';
      res.status(status).json({ error: { code, message }, accepted, rejected });
      return;
    }
    if (accepted.some((a) => !a.duplicate)) deps.events.emit(flight.id, { type: 'progress' });
    res.status(202).json({ accepted, rejected });
  });

  r.post('/flights/:id/photos/check', (req, res) => {
    const flight = flightFor(db, req.params.id, tokenOf(res), 'flight:upload');
    const { sha256 } = parseBody(Check, req.body);
    const wanted = sha256.map((s) => s.toLowerCase());
    const known = knownChecksums(db, flight.id, wanted);
    res.json({ known: wanted.filter((s) => known.has(s)), missing: wanted.filter((s) => !known.has(s)) });
  });

  r.get('/flights/:id/photos', (req, res) => {
    const flight = flightFor(db, req.params.id, tokenOf(res), 'photo:read');
    res.json({ photos: flightPhotos(db, flight.id).map(photoSummary) });
  });

  r.get('/photos/:id', (req, res) => {
    const photo = photoFor(deps, req.params.id, res, 'photo:read');
    const detections = (db.prepare('SELECT body FROM detections WHERE photo_id = ? ORDER BY idx').all(photo.id) as { body: string }[])
      .map((row) => JSON.parse(row.body) as unknown);
    res.json({ ...photoSummary(photo), meta: photo.meta, detections });
  });

  r.post('/photos/:id/retry', async (req, res) => {
    const photo = photoFor(deps, req.params.id, res, 'flight:upload');
    if (photo.state !== 'failed') throw new HttpError(409, 'NOT_FAILED', `photo ${photo.id} is ${photo.state}: only a failed photo is analysed again`);
    if (!deps.retryPhoto) throw new HttpError(503, 'NO_QUEUE', 'this server has no analysis queue');
    try {
      await deps.retryPhoto(photo);
    } catch (e) {
      throw new HttpError(503, 'QUEUE_UNAVAILABLE', `the analysis queue cannot be reached, try again: ${(e as Error).message}`);
    }
    audit(db, tokenOf(res).id, 'photo.retry', photo.id, { flight: photo.flightId, error: photo.errorCode });
    res.status(202).json(photoSummary(getPhoto(db, photo.id)!));
  });

  r.get('/photos/:id/thumbnail.jpg', async (req, res) => {
    const photo = photoFor(deps, req.params.id, res, 'photo:read');
    const etag = `"${photo.sha256}-t512"`;
    if (notModified(res, etag)) return;
    const file = path.join(deps.derivedDir, 'thumbnails', photo.sha256.slice(0, 2), `${photo.sha256}-512.jpg`);
    if (!fs.existsSync(file)) await writeAtomically(file, await thumbnailJpeg(deps.originals.pathOf(photo.sha256), 512));
    sendImmutable(res, file, 'image/jpeg', etag);
  });

  r.get('/photos/:id/original', (req, res) => {
    const photo = photoFor(deps, req.params.id, res, 'photo:original');
    res.setHeader('Content-Disposition', `attachment; filename="${photo.filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(photo.filename)}`);
    const etag = `"${photo.sha256}"`;
    if (notModified(res, etag)) return;
    sendImmutable(res, deps.originals.pathOf(photo.sha256), photo.mediaType ?? 'application/octet-stream', etag);
  });

  return r;
}

/** What lists and the photo page show (no detections). */
export function photoSummary(p: PhotoRecord) {
  return {
    id: p.id, flightId: p.flightId, filename: p.filename, sha256: p.sha256, bytes: p.bytes, mediaType: p.mediaType,
    state: p.state, stage: p.stage, attempts: p.attempts, error: p.errorCode ? { code: p.errorCode, message: p.error } : null,
    warnings: p.warnings, footprint: footprintOf(p), groundCorners: groundCornersOf(p), createdAt: p.createdAt, analysedAt: p.analysedAt,
  };
}

function footprintOf(p: PhotoRecord): unknown {
  const ring = (p.meta as { footprint?: unknown } | null)?.footprint;
  return Array.isArray(ring) ? { type: 'Polygon', coordinates: [ring] } : null;
}

/** The image's four corners on the ground (top-left, top-right, bottom-right, bottom-left); null when unknown or stored before they were. */
function groundCornersOf(p: PhotoRecord): [number, number][] | null {
  const corners = (p.meta as { groundCorners?: unknown } | null)?.groundCorners;
  const isPair = (c: unknown): c is [number, number] => Array.isArray(c) && c.length === 2 && c.every((v) => typeof v === 'number' && Number.isFinite(v));
  return Array.isArray(corners) && corners.length === 4 && corners.every(isPair) ? corners : null;
}

/** The photo, when it exists and the token may do `action` on its flight (403 for a role that never may, then 404, then 403). */
export function photoFor(deps: AppDeps, id: string, res: Response, action: 'photo:read' | 'photo:original' | 'flight:upload'): PhotoRecord {
  const t = tokenOf(res);
  requireRole(t.role, action);
  const photo = getPhoto(deps.db, id);
  if (!photo) throw new HttpError(404, 'NOT_FOUND', `no photo ${id}`);
  const flight = getFlight(deps.db, photo.flightId);
  if (!can(t.role, action, flight?.owner === t.id)) throw new HttpError(403, 'FORBIDDEN', `a ${t.role} may not do ${action} on this photo`);
  return photo;
}

export async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.promises.writeFile(tmp, bytes);
  await fs.promises.rename(tmp, file);
}

const IMMUTABLE = 'private, max-age=31536000, immutable';

/**
 * Answers 304 (with the validators) when the client's If-None-Match holds `etag` (weak or strong, in a
 * list, or *), before any work is done to make the body.
 */
export function notModified(res: Response, etag: string): boolean {
  const header = res.req.get('if-none-match');
  if (!header) return false;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etag) && !tags.includes('*')) return false;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', IMMUTABLE);
  res.status(304).end();
  return true;
}

/** Content addressed, so cacheable for good; conditional requests answered with 304. */
export function sendImmutable(res: Response, file: string, type: string, etag: string): void {
  if (notModified(res, etag)) return;
  res.setHeader('Content-Type', type);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', IMMUTABLE);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const stream = fs.createReadStream(file);
  stream.on('error', (e) => {
    if (!res.headersSent) res.status(500).json({ error: { code: 'IO', message: `cannot read the stored file: ${e.message}` } });
    else res.destroy(e);
  });
  stream.pipe(res);
}
