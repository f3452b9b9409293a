import { audit } from './audit';
import type { Db } from './open-database';

/** A judge confirms or rejects; `pending` reopens a hotspot (the undo of a decision, kept in the history). */
export const REVIEW_DECISIONS = ['confirmed', 'rejected', 'pending'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const REVIEW_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Review {
  readonly id: number;
  readonly hotspotId: string;
  readonly decision: ReviewDecision;
  readonly note: string | null;
  readonly reviewer: string;
  readonly reviewerName: string;
  readonly at: string;
}

const SELECT = `SELECT r.id, r.hotspot_id AS hotspotId, r.decision, r.note, r.reviewer, t.name AS reviewerName, r.at
  FROM reviews r JOIN tokens t ON t.id = r.reviewer`;

/** Every decision is kept (who, when, note); the latest one counts. Audited in the same transaction. */
export function addReview(db: Db, hotspotId: string, decision: ReviewDecision, note: string | null, reviewer: string, now = new Date()): Review {
  return db.transaction(() => {
    const id = Number(db.prepare('INSERT INTO reviews (hotspot_id, decision, note, reviewer, at) VALUES (?, ?, ?, ?, ?)')
      .run(hotspotId, decision, note, reviewer, now.toISOString()).lastInsertRowid);
    audit(db, reviewer, 'hotspot.review', hotspotId, { decision, note });
    return db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as Review;
  })();
}

/** Oldest first. */
export function reviewHistory(db: Db, hotspotId: string): Review[] {
  return db.prepare(`${SELECT} WHERE r.hotspot_id = ? ORDER BY r.id`).all(hotspotId) as Review[];
}

/** The latest decision of each of the flight's hotspots that has one. */
export function latestReviews(db: Db, flightId: string): Map<string, Review> {
  const rows = db.prepare(`${SELECT} JOIN hotspots h ON h.id = r.hotspot_id WHERE h.flight_id = ?
    AND r.id = (SELECT max(id) FROM reviews WHERE hotspot_id = r.hotspot_id)`).all(flightId) as Review[];
  return new Map(rows.map((r) => [r.hotspotId, r]));
}
