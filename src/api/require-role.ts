import type { Role } from '../store/tokens';
import { HttpError } from './http-error';
import { canAtAll, type Action } from './permissions';

/**
 * 403 for a role that may do `action` on no resource at all, before any lookup: an unknown id and a known one
 * get the same answer, so a role with no business there cannot probe which ids exist. Roles whose grant
 * depends on the resource (a pilot's own flights) go on to the lookup: 404 for an unknown id, then 403.
 */
export function requireRole(role: Role, action: Action): void {
  if (!canAtAll(role, action)) throw new HttpError(403, 'FORBIDDEN', `a ${role} may not do ${action}`);
}
