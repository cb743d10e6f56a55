/**
 * Limits failed logins per account and per client address within a sliding window.
 * State is per process; with several processes the effective limit is multiplied by their
 * number, which still stops online guessing.
 */
export class LoginRateLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #windowMs: number;
  readonly #maxPerAccount: number;
  readonly #maxPerAddress: number;

  constructor(options: { maxPerAccount?: number; maxPerAddress?: number; windowMs?: number } = {}) {
    this.#maxPerAccount = options.maxPerAccount ?? 5;
    // An office behind one NAT address shares the address budget, so it is larger.
    this.#maxPerAddress = options.maxPerAddress ?? 100;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
  }

  /** Seconds until another attempt is allowed for any of the keys, or 0. Address keys start with `ip:`. */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.#recent(key, now);
      const max = key.startsWith('ip:') ? this.#maxPerAddress : this.#maxPerAccount;
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
