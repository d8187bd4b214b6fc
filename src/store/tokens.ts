/**
 * API tokens: a secret shown once, stored only as its SHA-256. Secrets carry 256 random bits,
 * so a plain hash (no salt, no slow KDF) is enough: there is nothing to guess from the hash.
 */
import type { TokenRole } from './types.js';
import { TOKEN_ROLES } from './types.js';
import { sha256Hex } from './hash.js';

/** Every secret starts with this, so leaked tokens are easy to find (secret scanners, grep). */
export const TOKEN_PREFIX = 'chk_';

export function isTokenRole(value: unknown): value is TokenRole {
  return typeof value === 'string' && (TOKEN_ROLES as readonly string[]).includes(value);
}

/** Does `role` carry the rights of `needed`? viewer < analyst < admin. */
export function roleAllows(role: TokenRole, needed: TokenRole): boolean {
  return TOKEN_ROLES.indexOf(role) >= TOKEN_ROLES.indexOf(needed);
}

export function newTokenSecret(random: (bytes: number) => Uint8Array): string {
  return TOKEN_PREFIX + Buffer.from(random(32)).toString('base64url');
}

export function hashTokenSecret(secret: string): string {
  return sha256Hex(secret);
}
