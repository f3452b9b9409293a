import fs from 'node:fs';
import path from 'node:path';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { cropJpeg } from '../image/sharp-image';
import { sightingKey } from '../hotspots/hotspot-id';
import type { Hotspot } from '../report/report-model';
import { REPORT_FILE_TYPES, writeReport, type ReportFormat } from '../report/write-report';
import { PACKAGE_VERSION } from '../config/project-root';
import { getFlight, type Flight } from '../store/flights';
import { flightHotspots } from '../store/photo-results';
import { getHotspot, sightingPhotos } from '../store/hotspots';
import { flightPhotos, getPhoto } from '../store/photos';
import { addReview, latestReviews, REVIEW_DECISIONS, REVIEW_STATUSES, reviewHistory, type Review, type ReviewStatus } from '../store/reviews';
import { tokenOf } from './authenticate';
import type { AppDeps } from './app-deps';
import { flightFor } from './flights-routes';
import { HttpError, parseBody } from './http-error';
import { requireRole } from './require-role';
import { can, type Action } from './permissions';
import { notModified, sendImmutable, writeAtomically } from './photos-routes';

const ReviewBody = z.object({ decision: z.enum(REVIEW_DECISIONS), note: z.string().trim().max(2000).optional() }).strict();
const StatusQuery = z.enum([...REVIEW_STATUSES, 'all']).default('all');
// A query string: one value, a plain decimal (no exponent, hex or blanks), from 0 to 1.
const MinConfidenceQuery = z.string().regex(/^(0|1|0?\.\d+|1\.0*)$/).transform(Number).pipe(z.number().min(0).max(1)).optional().transform((v) => v ?? 0);

export function hotspotsRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const r = Router();

  for (const format of ['geojson', 'kml', 'csv'] as const) {
    r.get(`/flights/:id/hotspots.${format}`, (req, res) => {
      const flight = flightFor(db, req.params.id, tokenOf(res), 'report:download');
      const filter = parseFilter(req.query);
      const min = filter.minConfidence > 0 ? `-min${Math.round(filter.minConfidence * 100)}` : '';
      res.setHeader('Content-Type', REPORT_FILE_TYPES[format].mediaType);
      res.setHeader('Content-Disposition', `attachment; filename="${safeName(flight.name)}-${filter.status}${min}${REPORT_FILE_TYPES[format].extension}"`);
      res.send(flightReport(deps, flight, filter, format));
    });
  }

  r.get('/flights/:id/hotspots', (req, res) => {
    const flight = flightFor(db, req.params.id, tokenOf(res), 'hotspot:read');
    const photos = sightingPhotos(db, flight.id);
    res.json({ hotspots: reviewedHotspots(db, flight.id, parseFilter(req.query)).map(({ hotspot, review }) => hotspotView(hotspot, flight.id, review, photos)) });
  });

  r.get('/hotspots/:id', (req, res) => {
    const { hotspot, flight } = hotspotFor(deps, req.params.id, res, 'hotspot:read');
    const history = reviewHistory(db, hotspot.id);
    const view = hotspotView(hotspot, flight.id, history.at(-1), sightingPhotos(db, flight.id));
    // Judges weigh a sighting by its photo's quality: each sighting carries its photo's warnings.
    const observations = view.observations.map((o) => ({ ...o, warnings: o.photoId ? (getPhoto(db, o.photoId)?.warnings ?? []) : [] }));
    res.json({ ...view, observations, reviews: history.map(reviewView) });
  });

  r.get('/hotspots/:id/evidence.jpg', async (req, res) => {
    const { hotspot, flight } = hotspotFor(deps, req.params.id, res, 'hotspot:read');
    const best = [...hotspot.observations].sort((a, b) => b.confidence - a.confidence)[0];
    const photoId = best ? sightingPhotos(db, flight.id).get(sightingKey(best)) : undefined;
    const photo = photoId ? getPhoto(db, photoId) : null;
    if (!best || !photo) throw new HttpError(404, 'NOT_FOUND', `hotspot ${hotspot.id} has no photo to show`);
    const file = path.join(deps.derivedDir, 'evidence', `${hotspot.id}-${photo.sha256.slice(0, 12)}-v2.jpg`); // v2: with the source marked
    if (notModified(res, `"${path.basename(file, '.jpg')}"`)) return;
    if (!fs.existsSync(file)) await writeAtomically(file, await cropJpeg(deps.originals.pathOf(photo.sha256), evidenceBox(best.bbox, best.pixel), best.bbox, { drawPoint: best.pixel }));
    sendImmutable(res, file, 'image/jpeg', `"${path.basename(file, '.jpg')}"`);
  });

  r.post('/hotspots/:id/review', (req, res) => {
    const { hotspot } = hotspotFor(deps, req.params.id, res, 'hotspot:review');
    const body = parseBody(ReviewBody, req.body);
    const review = addReview(db, hotspot.id, body.decision, body.note ?? null, tokenOf(res).id);
    const found = getHotspot(db, hotspot.id);
    if (found) deps.events.emit(found.flightId, { type: 'progress' });
    res.status(201).json(reviewView(review));
  });

  return r;
}

/** Which of a flight's hotspots a list or a report holds: by latest review status, and at least this confidence. */
export interface HotspotFilter {
  readonly status: ReviewStatus | 'all';
  readonly minConfidence: number;
}

function parseFilter(q: Record<string, unknown>): HotspotFilter {
  const status = StatusQuery.safeParse(q.status);
  if (!status.success) throw new HttpError(400, 'BAD_REQUEST', 'status must be pending, confirmed, rejected or all');
  const min = MinConfidenceQuery.safeParse(q.minConfidence);
  if (!min.success) throw new HttpError(400, 'BAD_REQUEST', 'minConfidence must be a number from 0 to 1');
  return { status: status.data, minConfidence: min.data };
}

/** The flight's hotspots that pass the filter, each with its latest review. */
function reviewedHotspots(db: AppDeps['db'], flightId: string, filter: HotspotFilter): { hotspot: Hotspot; review: Review | undefined }[] {
  const reviews = latestReviews(db, flightId);
  return flightHotspots(db, flightId)
    .map((hotspot) => ({ hotspot, review: reviews.get(hotspot.id) }))
    .filter(({ hotspot, review }) => (filter.status === 'all' || (review?.decision ?? 'pending') === filter.status) && hotspot.confidence >= filter.minConfidence);
}

/** The CLI's report, plus each hotspot's review status, reviewer, time and note. */
export function flightReport(deps: AppDeps, flight: Flight, filter: HotspotFilter, format: ReportFormat): string {
  const hotspots = reviewedHotspots(deps.db, flight.id, filter).map(({ hotspot, review: r }) => ({
    ...hotspot, extra: { status: r?.decision ?? 'pending', reviewer: r?.reviewerName ?? null, reviewedAt: r?.at ?? null, note: r?.note ?? null },
  }));
  const photos = flightPhotos(deps.db, flight.id);
  return writeReport({ hotspots }, format, {
    version: PACKAGE_VERSION,
    model: deps.model,
    photos: photos.length,
    failures: photos.filter((p) => p.state === 'failed').map((p) => ({ photo: p.filename, code: p.errorCode ?? 'FAILED', message: p.error ?? '' })),
  });
}

function hotspotView(h: Hotspot, flightId: string, review: Review | undefined, photos: Map<string, string>) {
  return {
    id: h.id, flightId, class: h.class, confidence: h.confidence, position: h.position,
    status: review?.decision ?? 'pending', review: review ? reviewView(review) : null,
    observations: h.observations.map((o) => ({ ...o, photoId: photos.get(sightingKey(o)) ?? null })),
  };
}

function reviewView(r: Review) {
  return { decision: r.decision, note: r.note, reviewer: { id: r.reviewer, name: r.reviewerName }, at: r.at };
}

/** A square around the source and its box, with margin, at least 384 px. */
function evidenceBox(bbox: readonly number[], pixel: readonly number[]): [number, number, number, number] {
  const [x0, y0, x1, y1] = bbox as [number, number, number, number];
  const half = Math.max(192, 0.75 * Math.max(x1 - x0, y1 - y0));
  const cx = (Math.min(x0, pixel[0]!) + Math.max(x1, pixel[0]!)) / 2;
  const cy = (Math.min(y0, pixel[1]!) + Math.max(y1, pixel[1]!)) / 2;
  return [cx - half, cy - half, cx + half, cy + half];
}

/** The hotspot and its flight: 403 for a role that never may do `action`, then 404 for an unknown id, then 403. */
function hotspotFor(deps: AppDeps, id: string, res: Response, action: Action): { hotspot: Hotspot; flight: Flight } {
  const t = tokenOf(res);
  requireRole(t.role, action);
  const found = getHotspot(deps.db, id);
  const flight = found ? getFlight(deps.db, found.flightId) : null;
  if (!found || !flight) throw new HttpError(404, 'NOT_FOUND', `no hotspot ${id}`);
  if (!can(t.role, action, flight.owner === t.id)) throw new HttpError(403, 'FORBIDDEN', `a ${t.role} may not do ${action} on this hotspot`);
  return { hotspot: found.hotspot, flight };
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'flight';
}
