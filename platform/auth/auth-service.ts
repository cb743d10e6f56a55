import { randomBytes, randomUUID } from 'node:crypto';
import { ShoalError } from '../errors.ts';
import type { Principal, UserInfo } from '../principal.ts';
import type { Storage } from '../storage/storage.ts';
import { findUserForLogin, getUser } from '../users/users.ts';
import { LoginRateLimiter, type CountedAttempt } from './login-rate-limiter.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { apiKeyPrefix, hashSecret, newSecret, sessionTokenPrefix } from './tokens.ts';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserInfo;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  userId: string;
  prefix: string;
  roles: string[] | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

interface CachedCredential {
  principal: Principal;
  expiresAt: number; // session expiry, ms
  cachedUntil: number;
}

const sessionLifetimeMs = 7 * 24 * 3600_000;
const cacheTtlMs = 30_000;
const channel = 'shoal_auth';

/**
 * Logins, sessions and API keys. Every request authenticates, so resolved credentials are
 * cached briefly in memory; logout, revocation and user changes notify `shoal_auth` so every
 * process drops them at once.
 */
export class AuthService {
  readonly #storage: Storage;
  readonly #cache = new Map<string, CachedCredential>();
  readonly #limiter: LoginRateLimiter;

  constructor(storage: Storage) {
    this.#storage = storage;
    this.#limiter = new LoginRateLimiter(storage);
  }

  async start(): Promise<void> {
    await this.#storage.listen(channel, (payload) => this.#forget(payload));
  }

  /**
   * Checks an e-mail and password. Unknown e-mail and wrong password fail identically (same
   * error, same work), and repeated failures are rate limited (per account from an address, per
   * account, per address: `LoginRateLimiter`).
   */
  async login(tenantId: string, email: string, password: string, clientAddress: string): Promise<LoginResult> {
    const attempt = await this.#counted(tenantId, email, clientAddress, 'Too many failed logins; try again later');
    const user = await this.#storage.inTenant(tenantId, (tx) => findUserForLogin(tx, tenantId, email));
    const ok = await verifyPassword(password, user?.passwordHash ?? decoyPasswordHash);
    if (!user || !user.passwordHash || !ok || !user.active) {
      throw new ShoalError('unauthenticated', 'The e-mail or password is not correct');
    }
    await this.#limiter.succeeded(attempt);
    const token = newSecret(sessionTokenPrefix);
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + sessionLifetimeMs);
    await this.#storage.inTenant(tenantId, (tx) =>
      tx.insertInto('sessions').values({ tenant_id: tenantId, token_hash: hashSecret(token), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt }).execute(),
    );
    const { passwordHash: _drop, ...info } = user;
    return { token, csrfToken, expiresAt, user: info };
  }

  /** Resolves a bearer token or API key to a principal, or undefined when it is not valid. */
  async authenticate(tenantId: string, secret: string): Promise<Principal | undefined> {
    if (!secret.startsWith(sessionTokenPrefix) && !secret.startsWith(apiKeyPrefix)) return undefined;
    const hash = hashSecret(secret);
    const cacheKey = `${tenantId}:${hash}`;
    const now = Date.now();
    const cached = this.#cache.get(cacheKey);
    if (cached && cached.cachedUntil > now && cached.expiresAt > now) return cached.principal;
    const resolved = secret.startsWith(sessionTokenPrefix)
      ? await this.#resolveSession(tenantId, hash)
      : await this.#resolveApiKey(tenantId, hash);
    if (!resolved) {
      this.#cache.delete(cacheKey);
      return undefined;
    }
    if (this.#cache.size > 50_000) this.#cache.clear();
    this.#cache.set(cacheKey, { ...resolved, cachedUntil: now + cacheTtlMs });
    return resolved.principal;
  }

  async #resolveSession(tenantId: string, hash: string): Promise<Omit<CachedCredential, 'cachedUntil'> | undefined> {
    return this.#storage.inTenant(tenantId, async (tx) => {
      const session = await tx.selectFrom('sessions').selectAll().where('tenant_id', '=', tenantId).where('token_hash', '=', hash).executeTakeFirst();
      if (!session || session.revoked_at || session.expires_at.getTime() <= Date.now()) return undefined;
      const user = await getUser(tx, tenantId, session.user_id);
      if (!user || !user.active) return undefined;
      const principal: Principal = { tenantId, user, roles: user.roles, via: 'session', credentialId: hash, csrfToken: session.csrf_token };
      return { principal, expiresAt: session.expires_at.getTime() };
    }, { readOnly: true });
  }

  async #resolveApiKey(tenantId: string, hash: string): Promise<Omit<CachedCredential, 'cachedUntil'> | undefined> {
    return this.#storage.inTenant(tenantId, async (tx) => {
      const key = await tx.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).where('key_hash', '=', hash).executeTakeFirst();
      if (!key || key.revoked_at) return undefined;
      const user = await getUser(tx, tenantId, key.user_id);
      if (!user || !user.active) return undefined;
      await tx.updateTable('api_keys').set({ last_used_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', key.id).execute();
      const roles = key.roles ? user.roles.filter((r) => key.roles!.includes(r)) : user.roles;
      const principal: Principal = { tenantId, user, roles, via: 'api_key', credentialId: key.id };
      return { principal, expiresAt: Number.MAX_SAFE_INTEGER };
    });
  }

  async logout(principal: Principal): Promise<void> {
    // An API key is not a sign-in: answering 204 and leaving it working would tell an integrator
    // it was revoked. It is revoked where keys are managed.
    if (principal.via === 'api_key') {
      throw new ShoalError('bad_request', 'An API key does not sign out: revoke it with DELETE /api-keys/{id} (the studio: Integrations → API keys)', { errors: [{ path: '/', message: 'the credential is an API key' }] });
    }
    if (principal.via !== 'session') return;
    await this.#storage.inTenant(principal.tenantId, (tx) =>
      tx.updateTable('sessions').set({ revoked_at: new Date() }).where('tenant_id', '=', principal.tenantId).where('token_hash', '=', principal.credentialId).execute(),
    );
    await this.#broadcast(`${principal.tenantId}:${principal.credentialId}`);
  }

  /**
   * A signed-in person changes their own password: the current one must be given (a session left
   * open on a shared computer does not hand over the account), wrong guesses count against the
   * same limits as failed logins, and every other session of the person ends (a phone signed in
   * with the old password is signed out; this session goes on). API keys are not sessions: they
   * stay unless `revokeApiKeys` (a key someone made with a stolen password goes with it); a key
   * cannot change its person's password.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, clientAddress: string, options: { revokeApiKeys?: boolean } = {}): Promise<void> {
    if (principal.via !== 'session') {
      throw new ShoalError('forbidden', 'A password is changed by its person when signed in, not with an API key');
    }
    const { tenantId, user } = principal;
    const attempt = await this.#counted(tenantId, user.email, clientAddress, 'Too many wrong passwords; try again later');
    const stored = await this.#storage.inTenant(tenantId, (tx) =>
      tx.selectFrom('users').select('password_hash').where('tenant_id', '=', tenantId).where('id', '=', user.id).executeTakeFirst(),
    { readOnly: true });
    const hash = stored?.password_hash ?? null;
    if (!(await verifyPassword(currentPassword, hash ?? decoyPasswordHash)) || !hash) {
      throw new ShoalError('validation_failed', 'The current password is not correct', {
        errors: [{ path: '/currentPassword', code: 'wrong_password', message: 'is not the current password' }],
      });
    }
    await this.#limiter.succeeded(attempt);
    if (newPassword === currentPassword) {
      throw new ShoalError('validation_failed', 'The new password is the current one', {
        errors: [{ path: '/newPassword', code: 'unchanged', message: 'is the current password' }],
      });
    }
    const newHash = await hashPassword(newPassword);
    const changed = await this.#storage.inTenant(tenantId, async (tx) => {
      // Only over the hash just checked: of two changes at once, the second must give the first's password.
      const row = await tx.updateTable('users').set({ password_hash: newHash, updated_at: new Date() })
        .where('tenant_id', '=', tenantId).where('id', '=', user.id).where('password_hash', '=', hash)
        .returning('id').executeTakeFirst();
      if (!row) return false;
      await tx.updateTable('sessions').set({ revoked_at: new Date() })
        .where('tenant_id', '=', tenantId).where('user_id', '=', user.id).where('revoked_at', 'is', null)
        .where('token_hash', '!=', principal.credentialId).execute();
      // Keys made by someone who had the old password (or the person's own, retired with it).
      if (options.revokeApiKeys) {
        await tx.updateTable('api_keys').set({ revoked_at: new Date() })
          .where('tenant_id', '=', tenantId).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
      }
      return true;
    });
    if (!changed) throw new ShoalError('conflict', 'The password was changed meanwhile; sign in again with the new one');
    // The sessions (and keys) just revoked stop working on every process at once.
    await this.userChanged(tenantId, user.id, { revokeSessions: false });
  }

  /**
   * A password guess from `clientAddress`, counted as a failure until it succeeds (the limiter's
   * `succeeded`), or 429 while its keys are limited.
   */
  async #counted(tenantId: string, email: string, clientAddress: string, message: string): Promise<CountedAttempt> {
    const counted = await this.#limiter.count(LoginRateLimiter.keys(tenantId, email, clientAddress));
    if ('retryAfter' in counted) throw new ShoalError('rate_limited', message, { extra: { retryAfter: counted.retryAfter } });
    return counted.attempt;
  }

  /** Creates an API key acting as `userId`, narrowed to `roles` when given. The key is returned once. */
  async createApiKey(tenantId: string, userId: string, name: string, roles: string[] | null): Promise<{ id: string; key: string; info: ApiKeyInfo }> {
    const key = newSecret(apiKeyPrefix);
    const id = randomUUID();
    const row = await this.#storage.inTenant(tenantId, (tx) =>
      tx.insertInto('api_keys')
        .values({ tenant_id: tenantId, id, user_id: userId, name, key_hash: hashSecret(key), key_prefix: key.slice(0, 10), roles })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return { id, key, info: toApiKeyInfo(row) };
  }

  async listApiKeys(tenantId: string, userId: string | null): Promise<ApiKeyInfo[]> {
    const rows = await this.#storage.inTenant(tenantId, (tx) => {
      let q = tx.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).where('revoked_at', 'is', null).orderBy('created_at', 'desc');
      if (userId) q = q.where('user_id', '=', userId);
      return q.execute();
    }, { readOnly: true });
    return rows.map(toApiKeyInfo);
  }

  /** Revokes a key. Only its owner or, when `asAdmin`, any admin may; others get a 404. */
  async revokeApiKey(tenantId: string, keyId: string, actor: { userId: string; asAdmin: boolean }): Promise<void> {
    const row = await this.#storage.inTenant(tenantId, async (tx) => {
      let q = tx.updateTable('api_keys').set({ revoked_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', keyId).where('revoked_at', 'is', null);
      if (!actor.asAdmin) q = q.where('user_id', '=', actor.userId);
      return q.returning(['key_hash']).executeTakeFirst();
    });
    if (!row) throw new ShoalError('not_found', 'API key was not found');
    await this.#broadcast(`${tenantId}:${row.key_hash}`);
  }

  /** Ends every session of a user and drops their cached credentials (deactivation, role change). */
  async userChanged(tenantId: string, userId: string, options: { revokeSessions: boolean }): Promise<void> {
    if (options.revokeSessions) {
      await this.#storage.inTenant(tenantId, (tx) =>
        tx.updateTable('sessions').set({ revoked_at: new Date() }).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('revoked_at', 'is', null).execute(),
      );
    }
    await this.#broadcast(`${tenantId}:user:${userId}`);
  }

  async #broadcast(payload: string): Promise<void> {
    this.#forget(payload);
    await this.#storage.notify(channel, payload);
  }

  #forget(payload: string): void {
    if (payload === '*') {
      this.#cache.clear();
      return;
    }
    const userMarker = payload.indexOf(':user:');
    if (userMarker < 0) {
      this.#cache.delete(payload);
      return;
    }
    const tenantId = payload.slice(0, userMarker);
    const userId = payload.slice(userMarker + 6);
    for (const [key, entry] of this.#cache) {
      if (entry.principal.tenantId === tenantId && entry.principal.user.id === userId) this.#cache.delete(key);
    }
  }
}

function toApiKeyInfo(row: { id: string; name: string; user_id: string; key_prefix: string; roles: string[] | null; created_at: Date; last_used_at: Date | null }): ApiKeyInfo {
  return { id: row.id, name: row.name, userId: row.user_id, prefix: row.key_prefix, roles: row.roles, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}
