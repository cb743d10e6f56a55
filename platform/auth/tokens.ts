import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell a session token from an API key at a glance (and to secret scanners). */
export const sessionTokenPrefix = 'shs_';
export const apiKeyPrefix = 'shk_';

/** A new 256-bit random secret with a readable prefix. */
export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * Secrets are stored as SHA-256 hashes. They carry 256 bits of entropy, so a fast hash is
 * enough (a slow one would only slow every request down).
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
