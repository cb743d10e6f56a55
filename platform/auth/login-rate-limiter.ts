/**
 * Limits failed logins within a sliding window (15 minutes), counted three ways:
 * - an account from one address (5): guessing one person's password from one place stops soon,
 *   and only there, so someone who knows an e-mail cannot lock its owner out from elsewhere by
 *   typing wrong passwords for it;
 * - an account from anywhere (50): guessing spread over many addresses stops too;
 * - an address, whatever the account (100; an office behind one NAT address shares it).
 * State is per process; with several processes the effective limit is multiplied by their
 * number, which still stops online guessing.
 */
export class LoginRateLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #windowMs: number;
  readonly #maxPerAccountFromAddress: number;
  readonly #maxPerAccount: number;
  readonly #maxPerAddress: number;

  constructor(options: { maxPerAccountFromAddress?: number; maxPerAccount?: number; maxPerAddress?: number; windowMs?: number } = {}) {
    this.#maxPerAccountFromAddress = options.maxPerAccountFromAddress ?? 5;
    this.#maxPerAccount = options.maxPerAccount ?? 50;
    this.#maxPerAddress = options.maxPerAddress ?? 100;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
  }

  /**
   * What a login attempt counts against: the account from this address, the account, the address.
   * A successful login clears the first (`reset(keys[0])`).
   *
   * @example
   * LoginRateLimiter.keys('t1', ' Ann@X.test', '10.0.0.7') // ['from:10.0.0.7:t1:ann@x.test', 'account:t1:ann@x.test', 'ip:10.0.0.7']
   */
  static keys(tenantId: string, email: string, address: string): [string, string, string] {
    const account = `${tenantId}:${email.trim().toLowerCase()}`;
    const from = addressGroup(address);
    return [`from:${from}:${account}`, `account:${account}`, `ip:${from}`];
  }

  /** Seconds until another attempt is allowed for any of the keys (as `keys` makes them), or 0. */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.#recent(key, now);
      const max = key.startsWith('ip:') ? this.#maxPerAddress : key.startsWith('from:') ? this.#maxPerAccountFromAddress : this.#maxPerAccount;
      if (recent.length >= max) {
        const oldest = recent[recent.length - max]!;
        wait = Math.max(wait, Math.ceil((oldest + this.#windowMs - now) / 1000));
      }
    }
    return wait;
  }

  recordFailure(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const recent = this.#recent(key, now);
      recent.push(now);
      this.#failures.set(key, recent);
    }
    if (this.#failures.size > 100_000) this.#prune(now);
  }

  reset(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => t > now - this.#windowMs);
  }

  #prune(now: number): void {
    for (const [key, times] of this.#failures) {
      if (times.every((t) => t <= now - this.#windowMs)) this.#failures.delete(key);
    }
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
