import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../store/open-database';
import { issueToken, listTokens, ROLES, withdrawToken } from '../store/tokens';
import { tokenOf } from './authenticate';
import { HttpError, parseBody } from './http-error';
import { ACTIONS, can, canAtAll } from './permissions';

const NewToken = z.object({ role: z.enum(ROLES), name: z.string().trim().min(1).max(200) }).strict();

/**
 * GET /me for any token; admins create (the secret is in this one response only), list and revoke tokens;
 * every change is audited.
 */
export function tokensRoutes(db: Db): Router {
  const r = Router();
  // Who am I, and what may I do: the web app shows a token's role and only what it may do.
  r.get('/me', (_req, res) => {
    const t = tokenOf(res);
    res.json({ id: t.id, name: t.name, role: t.role, actions: ACTIONS.filter((a) => canAtAll(t.role, a)) });
  });
  r.use('/tokens', (_req, res, next) => {
    const t = tokenOf(res);
    next(can(t.role, 'token:manage') ? undefined : new HttpError(403, 'FORBIDDEN', `a ${t.role} may not manage tokens`));
  });
  r.get('/tokens', (_req, res) => { res.json({ tokens: listTokens(db) }); });
  r.post('/tokens', (req, res) => {
    const body = parseBody(NewToken, req.body);
    const { token, secret } = issueToken(db, body.role, body.name, tokenOf(res).id);
    res.status(201).json({ ...token, secret });
  });
  r.delete('/tokens/:id', (req, res) => {
    if (!withdrawToken(db, req.params.id, tokenOf(res).id)) throw new HttpError(404, 'NOT_FOUND', `no live token ${req.params.id}`);
    res.status(204).end();
  });
  return r;
}
