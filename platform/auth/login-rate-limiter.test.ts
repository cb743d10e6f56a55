import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.ts';
import { addressGroup, LoginRateLimiter } from './login-rate-limiter.ts';

const minute = 60_000;

describeEachDatabase('LoginRateLimiter', (db) => {
  let tenant = 0;
  // Every test its own tenant, so the keys of one test are not another's (the addresses are shared).
  const t = () => `t${tenant}`;
  const limiter = () => {
    tenant++;
    return new LoginRateLimiter(db().storage);
  };
  const keys = (email: string, address: string) => LoginRateLimiter.keys(t(), email, address);
  /** Seconds the next attempt with `k` waits at `now` (0: it was let through, and is counted). */
  const attempt = async (l: LoginRateLimiter, k: string[], now: number) => {
    const counted = await l.count(k, now);
    return 'retryAfter' in counted ? counted.retryAfter : 0;
  };
  const fail = async (l: LoginRateLimiter, k: string[], times: number, at: number) => {
    for (let i = 0; i < times; i++) expect(await attempt(l, k, at)).toBe(0);
  };

  it('stops guessing one account from one address after five failures, for the rest of the 15 minutes', async () => {
    const l = limiter();
    const attacker = keys('ann@x.test', '203.0.113.9');
    await fail(l, attacker, 5, 0);
    expect(await attempt(l, attacker, minute)).toBe(14 * 60);
    expect(await attempt(l, attacker, 15 * minute + 1)).toBe(0);
  });

  it('does not lock the account\'s owner out from another address (five wrong passwords by someone who knows the e-mail)', async () => {
    const l = limiter();
    await fail(l, keys('ann@x.test', '203.0.113.9'), 5, 0);
    expect(await attempt(l, keys('ann@x.test', '198.51.100.4'), minute)).toBe(0);
    // The case of the e-mail does not matter; the same e-mail in another tenant is another account.
    expect(await attempt(l, keys(' ANN@x.test', '203.0.113.9'), minute)).toBeGreaterThan(0);
    expect(await attempt(l, LoginRateLimiter.keys(`${t()}-other`, 'ann@x.test', '203.0.113.9'), minute)).toBe(0);
  });

  it('stops guessing spread over many addresses at fifty failures of the account', async () => {
    const l = limiter();
    for (let i = 0; i < 49; i++) await fail(l, keys('ann@x.test', `10.0.0.${i}`), 1, 0);
    await fail(l, keys('ann@x.test', '10.0.0.99'), 1, 0);
    expect(await attempt(l, keys('ann@x.test', '10.0.1.1'), 0)).toBe(15 * 60);
    expect(await attempt(l, keys('bob@x.test', '10.0.1.1'), 0)).toBe(0);
  });

  it('stops one address guessing many accounts at a hundred failures', async () => {
    const l = limiter();
    const address = `203.0.113.${tenant}`;
    for (let i = 0; i < 100; i++) await fail(l, keys(`user${i}@x.test`, address), 1, 0);
    expect(await attempt(l, keys('someone-new@x.test', address), 0)).toBeGreaterThan(0);
    expect(await attempt(l, keys('someone-new@x.test', '198.51.100.4'), 0)).toBe(0);
  });

  it('takes back a sign-in that succeeded, and the address\'s failures for the account, not the account\'s everywhere', async () => {
    const l = limiter();
    const here = keys('ann@x.test', '198.51.100.4');
    for (let i = 0; i < 40; i++) await fail(l, keys('ann@x.test', `10.0.0.${i}`), 1, 0);
    await fail(l, here, 4, 0);
    const right = await l.count(here, 0);
    if (!('attempt' in right)) throw new Error('the fifth attempt was not let through');
    await l.succeeded(right.attempt);
    // The four failures from here are forgiven: five more tries from here before this address waits.
    await fail(l, here, 5, 0);
    expect(await attempt(l, here, 0)).toBe(15 * 60);
    // The account's failures elsewhere still count (40 + 4 + 5 = 49): one more anywhere, then it waits.
    await fail(l, keys('ann@x.test', '10.0.2.1'), 1, 0);
    expect(await attempt(l, keys('ann@x.test', '10.0.2.2'), 0)).toBe(15 * 60);
  });

  it('counts guesses sent at once one by one: no more than five are let through', async () => {
    const l = limiter();
    const attacker = keys('ann@x.test', '203.0.113.77');
    const waits = await Promise.all(Array.from({ length: 20 }, () => attempt(l, attacker, 0)));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
  });

  it('holds for every process on the database: a second limiter sees the first one\'s failures', async () => {
    const first = limiter();
    const second = new LoginRateLimiter(db().storage);
    const attacker = keys('ann@x.test', '203.0.113.8');
    await fail(first, attacker, 5, 0);
    expect(await attempt(second, attacker, minute)).toBe(14 * 60);
  });
});

describe('addressGroup', () => {
  it('counts an IPv6 address by its /64 (one machine holds all of it), and an IPv4-mapped one as IPv4', () => {
    expect(addressGroup('2001:db8:0:12::abcd')).toBe('2001:db8:0:12::/64');
    expect(addressGroup('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressGroup('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(addressGroup('10.0.0.7')).toBe('10.0.0.7');
    expect(LoginRateLimiter.keys('t1', 'ann@x.test', '2001:db8:0:12::99')[2]).toBe('ip:2001:db8:0:12::/64');
  });
});
