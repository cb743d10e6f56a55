import { describe, expect, it } from 'vitest';
import { addressGroup, LoginRateLimiter } from './login-rate-limiter.ts';

const minute = 60_000;

describe('LoginRateLimiter', () => {
  const limiter = () => new LoginRateLimiter();
  const fail = (l: LoginRateLimiter, keys: string[], times: number, at: number) => {
    for (let i = 0; i < times; i++) l.recordFailure(keys, at);
  };

  it('stops guessing one account from one address after five failures, for the rest of the 15 minutes', () => {
    const l = limiter();
    const attacker = LoginRateLimiter.keys('t1', 'ann@x.test', '203.0.113.9');
    fail(l, attacker, 4, 0);
    expect(l.retryAfter(attacker, 0)).toBe(0);
    fail(l, attacker, 1, 0);
    expect(l.retryAfter(attacker, minute)).toBe(14 * 60);
    expect(l.retryAfter(attacker, 15 * minute + 1)).toBe(0);
  });

  it('does not lock the account\'s owner out from another address (five wrong passwords by someone who knows the e-mail)', () => {
    const l = limiter();
    fail(l, LoginRateLimiter.keys('t1', 'ann@x.test', '203.0.113.9'), 10, 0);
    expect(l.retryAfter(LoginRateLimiter.keys('t1', 'ann@x.test', '198.51.100.4'), minute)).toBe(0);
    // The same e-mail is another account in another tenant; the case of the e-mail does not matter.
    expect(l.retryAfter(LoginRateLimiter.keys('t1', ' ANN@x.test', '203.0.113.9'), minute)).toBeGreaterThan(0);
    expect(l.retryAfter(LoginRateLimiter.keys('t2', 'ann@x.test', '203.0.113.9'), minute)).toBe(0);
  });

  it('stops guessing spread over many addresses at fifty failures of the account', () => {
    const l = limiter();
    for (let i = 0; i < 49; i++) fail(l, LoginRateLimiter.keys('t1', 'ann@x.test', `10.0.0.${i}`), 1, 0);
    expect(l.retryAfter(LoginRateLimiter.keys('t1', 'ann@x.test', '10.0.1.1'), 0)).toBe(0);
    fail(l, LoginRateLimiter.keys('t1', 'ann@x.test', '10.0.0.99'), 1, 0);
    expect(l.retryAfter(LoginRateLimiter.keys('t1', 'ann@x.test', '10.0.1.1'), 0)).toBe(15 * 60);
    expect(l.retryAfter(LoginRateLimiter.keys('t1', 'bob@x.test', '10.0.1.1'), 0)).toBe(0);
  });

  it('stops one address guessing many accounts at a hundred failures', () => {
    const l = limiter();
    for (let i = 0; i < 100; i++) fail(l, LoginRateLimiter.keys('t1', `user${i}@x.test`, '203.0.113.9'), 1, 0);
    expect(l.retryAfter(LoginRateLimiter.keys('t1', 'someone-new@x.test', '203.0.113.9'), 0)).toBeGreaterThan(0);
    expect(l.retryAfter(LoginRateLimiter.keys('t1', 'someone-new@x.test', '198.51.100.4'), 0)).toBe(0);
  });

  it('clears an address\'s failures for the account when it signs in, not the account\'s everywhere', () => {
    const l = limiter();
    const [from, account] = LoginRateLimiter.keys('t1', 'ann@x.test', '198.51.100.4');
    for (let i = 0; i < 45; i++) fail(l, LoginRateLimiter.keys('t1', 'ann@x.test', `10.0.0.${i}`), 1, 0);
    fail(l, [from, account], 4, 0);
    l.reset(from);
    expect(l.retryAfter([from, account], 0)).toBe(0);
    fail(l, [from, account], 1, 0);
    expect(l.retryAfter([from, account], 0)).toBe(15 * 60);
  });

  it('counts an IPv6 address by its /64 (one machine holds all of it), and an IPv4-mapped one as IPv4', () => {
    expect(addressGroup('2001:db8:0:12::abcd')).toBe('2001:db8:0:12::/64');
    expect(addressGroup('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressGroup('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(addressGroup('10.0.0.7')).toBe('10.0.0.7');
    const l = limiter();
    for (let i = 1; i <= 5; i++) fail(l, LoginRateLimiter.keys('t1', 'ann@x.test', `2001:db8:0:12::${i}`), 1, 0);
    expect(l.retryAfter(LoginRateLimiter.keys('t1', 'ann@x.test', '2001:db8:0:12::99'), 0)).toBeGreaterThan(0);
    expect(l.retryAfter(LoginRateLimiter.keys('t1', 'ann@x.test', '2001:db8:0:13::1'), 0)).toBe(0);
  });
});
