import type { Role } from '../store/tokens';

/**
 * Who may do what (pure). Pilots create flights, upload to their own and read them; judges read every
 * flight and review; analysts read every flight and download reports; admins do everything. `own` applies
 * to pilots only: the action is allowed on flights the pilot's token created.
 */
export const ACTIONS = ['flight:create', 'flight:read', 'flight:upload', 'hotspot:read', 'hotspot:review',
  'report:download', 'photo:read', 'photo:original', 'token:manage'] as const;
export type Action = (typeof ACTIONS)[number];

type Grant = 'all' | 'own' | 'none';

const MATRIX: Record<Role, Record<Action, Grant>> = {
  pilot: { 'flight:create': 'all', 'flight:read': 'own', 'flight:upload': 'own', 'hotspot:read': 'own',
    'hotspot:review': 'none', 'report:download': 'none', 'photo:read': 'own', 'photo:original': 'own',
    'token:manage': 'none' },
  judge: { 'flight:create': 'none', 'flight:read': 'all', 'flight:upload': 'none', 'hotspot:read': 'all',
    'hotspot:review': 'all', 'report:download': 'all', 'photo:read': 'all', 'photo:original': 'all',
    'token:manage': 'none' },
  analyst: { 'flight:create': 'none', 'flight:read': 'all', 'flight:upload': 'none', 'hotspot:read': 'all',
    'hotspot:review': 'none', 'report:download': 'all', 'photo:read': 'all', 'photo:original': 'all',
    'token:manage': 'none' },
  admin: { 'flight:create': 'all', 'flight:read': 'all', 'flight:upload': 'all', 'hotspot:read': 'all',
    'hotspot:review': 'all', 'report:download': 'all', 'photo:read': 'all', 'photo:original': 'all',
    'token:manage': 'all' },
  // A queue worker on another machine: it fetches the originals it analyses, and nothing else.
  worker: { 'flight:create': 'none', 'flight:read': 'none', 'flight:upload': 'none', 'hotspot:read': 'none',
    'hotspot:review': 'none', 'report:download': 'none', 'photo:read': 'none', 'photo:original': 'all',
    'token:manage': 'none' },
};

/** `owner`: whether the flight the action touches was created by this token (ignored where no flight is involved). */
export function can(role: Role, action: Action, owner = false): boolean {
  const grant = MATRIX[role][action];
  return grant === 'all' || (grant === 'own' && owner);
}

/** Whether the role may do the action on some flight (for listing: a pilot lists only its own). */
export function canAtAll(role: Role, action: Action): boolean {
  return MATRIX[role][action] !== 'none';
}
