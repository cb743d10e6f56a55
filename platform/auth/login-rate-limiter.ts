import { sql } from 'kysely';
import { loginLockSql, type Storage } from '../storage/storage.ts';

/** An attempt counted up front: the rows to take back if it succeeds. */
export interface CountedAttempt {
  keys: readonly string[];
  ids: string[];
}

/**
 * Limits failed logins within a sliding window (15 minutes), counted three ways:
 * - an account from one address (5): guessing one person's password from one place stops soon,
 *   and only there, so someone who knows an e-mail cannot lock its owner out from elsewhere by
 *   typing wrong passwords for it;
 * - an account from anywhere (50): guessing spread over many addresses stops too;
 * - an address, whatever the account (100; an office behind one NAT address shares it).
 *
 * The failures are rows of `login_failures`, so the limits hold for all of Shoal's processes
 * together and across restarts. An attempt is counted before its password is checked, under a
 * lock of its keys (`count`), and taken back when it succeeds (`succeeded`): a hundred guesses
 * sent at once are counted as they come, not all let through while the first is being checked.
 */
export class LoginRateLimiter {
  readonly #storage: Storage;
  readonly #windowMs: number;
  readonly #maxPerAccountFromAddress: number;
  readonly #maxPerAccount: number;
  readonly #maxPerAddress: number;
  #prunedAt = 0;

  constructor(storage: Storage, options: { maxPerAccountFromAddress?: number; maxPerAccount?: number; maxPerAddress?: number; windowMs?: number } = {}) {
    this.#storage = storage;
    this.#maxPerAccountFromAddress = options.maxPerAccountFromAddress ?? 5;
    this.#maxPerAccount = options.maxPerAccount ?? 50;
    this.#maxPerAddress = options.maxPerAddress ?? 100;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
  }

  /**
   * What a login attempt counts against: the account from this address, the account, the address.
   * A successful login clears the first (`succeeded`).
   *
   * @example
   * LoginRateLimiter.keys('t1', ' Ann@X.test', '10.0.0.7') // ['from:10.0.0.7:t1:ann@x.test', 'account:t1:ann@x.test', 'ip:10.0.0.7']
   */
  static keys(tenantId: string, email: string, address: string): [string, string, string] {
    const account = `${tenantId}:${email.trim().toLowerCase()}`;
    const from = addressGroup(address);
    return [`from:${from}:${account}`, `account:${account}`, `ip:${from}`];
  }

  /**
   * Counts an attempt against `keys` (as `keys` makes them) unless one of them is at its limit:
   * then nothing is counted and the answer is the seconds until another attempt is allowed.
   */
  async count(keys: readonly string[], now = Date.now()): Promise<{ retryAfter: number } | { attempt: CountedAttempt }> {
    const since = new Date(now - this.#windowMs);
    const answer = await this.#storage.inPlatform(async (tx) => {
      // One attempt at a time per key, so concurrent guesses all see each other's rows.
      for (const key of [...keys].sort()) {
        await loginLockSql(key).execute(tx);
      }
      const { rows } = await sql<{ limiting: Date | null }>`
        SELECT (SELECT f.failed_at FROM login_failures f
                 WHERE f.key = k.key AND f.failed_at > ${since}
                 ORDER BY f.failed_at DESC OFFSET k.max - 1 LIMIT 1) AS limiting
          FROM unnest(${[...keys]}::text[], ${keys.map((key) => this.#max(key))}::int[]) AS k(key, max)`.execute(tx);
      const wait = Math.max(0, ...rows.map((row) => (row.limiting ? Math.ceil((new Date(row.limiting).getTime() + this.#windowMs - now) / 1000) : 0)));
      if (wait > 0) return { retryAfter: wait };
      await sql`DELETE FROM login_failures WHERE key = ANY(${[...keys]}::text[]) AND failed_at <= ${since}`.execute(tx);
      const inserted = await sql<{ id: string }>`
        INSERT INTO login_failures (key, failed_at) SELECT k, ${new Date(now)}::timestamptz FROM unnest(${[...keys]}::text[]) AS k
        RETURNING id::text AS id`.execute(tx);
      return { attempt: { keys, ids: inserted.rows.map((row) => row.id) } };
    });
    if (now - this.#prunedAt > this.#windowMs) {
      // Keys nobody tries again (an address that guessed once) would otherwise stay for ever.
      this.#prunedAt = now;
      await this.#storage.inPlatform((tx) => sql`DELETE FROM login_failures WHERE failed_at <= ${since}`.execute(tx));
    }
    return answer;
  }

  /** Takes back a counted attempt that succeeded, and clears the failures of its first key (the account from that address). */
  async succeeded(attempt: CountedAttempt): Promise<void> {
    await this.#storage.inPlatform((tx) =>
      sql`DELETE FROM login_failures WHERE id = ANY(${attempt.ids}::bigint[]) OR key = ${attempt.keys[0]!}`.execute(tx),
    );
  }

  #max(key: string): number {
    return key.startsWith('ip:') ? this.#maxPerAddress : key.startsWith('from:') ? this.#maxPerAccountFromAddress : this.#maxPerAccount;
  }
}

/**
 * The address as the limits count it: an IPv4 address itself (also written IPv4-mapped, as Node
 * gives it on a dual-stack socket); an IPv6 address by its /64, which one machine or home holds
 * whole (else it could guess from a fresh address for every few tries).
 *
 * @example
 * addressGroup('::ffff:10.0.0.7')          // '10.0.0.7'
 * addressGroup('2001:db8:0:12::abcd')     // '2001:db8:0:12::/64'
 */
export function addressGroup(address: string): string {
  const unmapped = withoutIpv4Mapping(address);
  if (!unmapped.includes(':')) return unmapped;
  const plain = address.toLowerCase().split('%')[0]!;
  const [head = '', tail] = plain.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups.slice(0, 4).map((g) => (Number.parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}

/**
 * An IPv4-mapped IPv6 address as the IPv4 address it is (a dual-stack socket reports IPv4 peers
 * so); any other address as it is.
 *
 * @example
 * withoutIpv4Mapping('::FFFF:10.0.0.7') // '10.0.0.7'
 * withoutIpv4Mapping('2001:db8::1')     // '2001:db8::1'
 */
export function withoutIpv4Mapping(address: string): string {
  return /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1] ?? address;
}
