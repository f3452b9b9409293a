import type { RequestHandler, Response } from 'express';
import type { Db } from '../store/open-database';
import { findToken, type TokenRecord } from '../store/tokens';
import { HttpError } from './http-error';

/** Bearer-token authentication: sets res.locals.token, or answers 401. */
export function authenticate(db: Db): RequestHandler {
  return (req, res, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m) return next(new HttpError(401, 'UNAUTHENTICATED', 'send Authorization: Bearer <token>'));
    const token = findToken(db, m[1]!);
    if (!token) return next(new HttpError(401, 'UNAUTHENTICATED', 'unknown or revoked token'));
    res.locals.token = token;
    next();
  };
}

export function tokenOf(res: Response): TokenRecord {
  return res.locals.token as TokenRecord;
}
