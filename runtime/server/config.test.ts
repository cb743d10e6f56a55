import { describe, expect, it } from 'vitest';
import { configFromEnvironment } from './config.ts';

describe('configFromEnvironment: SHOAL_TRUSTED_PROXIES', () => {
  it('trusts no proxy by default', () => {
    const config = configFromEnvironment({});
    expect(config.trustedProxies?.entries).toEqual([]);
    expect(config.trustedProxies?.includes('127.0.0.1')).toBe(false);
  });

  it('reads a comma-separated list of addresses and ranges, IPv4 and IPv6', () => {
    const config = configFromEnvironment({ SHOAL_TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8,::1,fd00::/8' });
    expect(config.trustedProxies?.entries).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
    expect(['10.20.30.40', '::1', 'fd00:1::1'].map((address) => config.trustedProxies?.includes(address))).toEqual([true, true, true]);
  });

  it('refuses to start with a malformed entry, saying which', () => {
    expect(() => configFromEnvironment({ SHOAL_TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/33' })).toThrow(/^SHOAL_TRUSTED_PROXIES must be a comma-separated list of IP addresses and CIDR ranges .*; not "10\.0\.0\.0\/33"$/);
    expect(() => configFromEnvironment({ SHOAL_TRUSTED_PROXIES: 'load-balancer.internal' })).toThrow('not "load-balancer.internal"');
  });
});
