import type { Me } from '../api';

/** A role a token may have, in the order the form offers them (src/store/tokens.ts ROLES). */
export type Role = Me['role'];
export const ROLES: readonly Role[] = ['pilot', 'judge', 'analyst', 'admin', 'worker'];

/** A token as GET /api/v1/tokens lists it; the secret is never listed (only its hash is stored). */
export interface TokenRow {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** POST /api/v1/tokens answers the new token and its secret, in this one response only. */
export interface NewToken extends TokenRow {
  readonly secret: string;
}
