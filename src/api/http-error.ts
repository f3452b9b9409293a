import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { isAppError, type ErrorCode } from '../errors';

/** A client error with its HTTP status and a stable code, as `{ "error": { "code", "message" } }`. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  USAGE: 400, NOT_FOUND: 404, UNREADABLE_IMAGE: 422, DAMAGED_IMAGE: 422, IMAGE_TOO_LARGE: 413, UNSUPPORTED_FORMAT: 415, BAD_METADATA: 422,
};

/** The one error middleware: every error leaves as JSON with the right status; never an error inside a 200. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: { code: err.code, message: err.message } });
  } else if (isAppError(err) && STATUS[err.code]) {
    res.status(STATUS[err.code]!).json({ error: { code: err.code, message: err.message } });
  } else if (bodyParserError(err)) {
    const e = err as { type: string; status: number; message: string };
    if (e.type === 'entity.parse.failed') res.status(400).json({ error: { code: 'BAD_JSON', message: 'the request body is not valid JSON' } });
    else res.status(e.status).json({ error: { code: e.type.replace(/\W+/g, '_').toUpperCase(), message: e.message } });
  } else {
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  }
};

/** express.json's own errors (too large, bad charset or encoding, aborted) carry a 4xx status and a type. */
function bodyParserError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('type' in err) || !('status' in err)) return false;
  const status = (err as { status: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The request body as `schema` wants it, or a 400 that names every problem. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}
