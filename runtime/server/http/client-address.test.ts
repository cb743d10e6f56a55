import { describe, expect, it } from 'vitest';
import { noTrustedProxies, parseTrustedProxies, resolveClientAddress } from './client-address.ts';

describe('resolveClientAddress', () => {
  const trusted = parseTrustedProxies('127.0.0.1,10.0.0.0/8,::1,fd00::/8');

  it('ignores X-Forwarded-For when no proxy is trusted (the default), so a client cannot name itself', () => {
    expect(resolveClientAddress('203.0.113.5', '198.51.100.7', noTrustedProxies)).toBe('203.0.113.5');
    expect(resolveClientAddress('127.0.0.1', '198.51.100.7', noTrustedProxies)).toBe('127.0.0.1');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(resolveClientAddress('203.0.113.5', '198.51.100.7', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('11.0.0.1', '198.51.100.7', trusted)).toBe('11.0.0.1');
  });

  it('takes the client a trusted proxy names', () => {
    expect(resolveClientAddress('10.0.0.2', '203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('10.0.0.2', ' 203.0.113.5 ', trusted)).toBe('203.0.113.5');
  });

  it('walks several trusted hops from the right to the first address that is not a proxy', () => {
    expect(resolveClientAddress('127.0.0.1', '203.0.113.5, 10.1.2.3, 10.9.9.9', trusted)).toBe('203.0.113.5');
    // A proxy that is not trusted is as far as the walk can believe: it is the client.
    expect(resolveClientAddress('127.0.0.1', '203.0.113.5, 198.51.100.1, 10.9.9.9', trusted)).toBe('198.51.100.1');
  });

  it('does not believe what the client wrote left of the address its proxy added', () => {
    // The client sent "X-Forwarded-For: 198.51.100.99" (or "10.0.0.1", a trusted address) and the proxy appended its real address.
    expect(resolveClientAddress('10.0.0.2', '198.51.100.99, 203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('10.0.0.2', '10.0.0.1, 203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('10.0.0.2', 'not an address, 203.0.113.5', trusted)).toBe('203.0.113.5');
  });

  it('takes the left-most hop when every hop is a trusted proxy', () => {
    expect(resolveClientAddress('10.0.0.2', '10.0.0.7, 10.0.0.8', trusted)).toBe('10.0.0.7');
  });

  it('matches IPv6 addresses and ranges', () => {
    expect(resolveClientAddress('fd12:3456::1', '2001:db8::5', trusted)).toBe('2001:db8::5');
    expect(resolveClientAddress('::1', '2001:db8::5, fd00:ffff::9', trusted)).toBe('2001:db8::5');
    expect(resolveClientAddress('fe12::1', '2001:db8::5', trusted)).toBe('fe12::1');
    expect(resolveClientAddress('2001:db8::7', '203.0.113.5', trusted)).toBe('2001:db8::7');
  });

  it('counts IPv4-mapped IPv6 addresses as IPv4, in the peer and in the header', () => {
    expect(resolveClientAddress('::ffff:10.0.0.2', '203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('::ffff:10.0.0.2', '::ffff:203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('::ffff:10.0.0.2', '203.0.113.5, ::FFFF:10.0.0.9', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('::ffff:203.0.113.5', '198.51.100.7', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('::ffff:203.0.113.5', undefined, noTrustedProxies)).toBe('203.0.113.5');
  });

  it('drops the port some load balancers add', () => {
    expect(resolveClientAddress('10.0.0.2', '203.0.113.5:41234', trusted)).toBe('203.0.113.5');
    expect(resolveClientAddress('10.0.0.2', '[2001:db8::5]:41234', trusted)).toBe('2001:db8::5');
    expect(resolveClientAddress('10.0.0.2', '[2001:db8::5]', trusted)).toBe('2001:db8::5');
  });

  it('uses the socket address when the header is missing, empty or malformed where the proxies wrote it', () => {
    expect(resolveClientAddress('10.0.0.2', undefined, trusted)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '', trusted)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', 'unknown', trusted)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '203.0.113.5,', trusted)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '203.0.113.5, 10.0.0.9, 203.0.113', trusted)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', 'garbage, 10.0.0.9', trusted)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', '999.0.113.5', trusted)).toBe('10.0.0.2');
    expect(resolveClientAddress('10.0.0.2', 'for=203.0.113.5', trusted)).toBe('10.0.0.2');
  });
});

describe('parseTrustedProxies', () => {
  it('trusts the addresses and ranges listed, IPv4 and IPv6, and nothing else', () => {
    const list = parseTrustedProxies(' 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8,192.0.2.1/32');
    expect(list.entries).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '192.0.2.1/32']);
    for (const address of ['127.0.0.1', '10.255.0.1', '::1', '0:0:0:0:0:0:0:1', 'fd00::1', 'FDFF:1::2', '192.0.2.1', '::ffff:10.2.3.4']) {
      expect(list.includes(address), address).toBe(true);
    }
    for (const address of ['127.0.0.2', '11.0.0.1', '::2', 'fe00::1', '192.0.2.2', 'unknown', '']) {
      expect(list.includes(address), address).toBe(false);
    }
  });

  it('takes an IPv4-mapped range as the IPv4 range it maps', () => {
    expect(parseTrustedProxies('::ffff:10.0.0.0/104').includes('10.3.2.1')).toBe(true);
    expect(parseTrustedProxies('::ffff:10.0.0.1').includes('::ffff:10.0.0.1')).toBe(true);
  });

  it('trusts nothing when empty, with or without stray commas', () => {
    for (const text of ['', ' ', ',', ' , ']) {
      const list = parseTrustedProxies(text);
      expect(list.entries).toEqual([]);
      expect(list.includes('127.0.0.1')).toBe(false);
    }
  });

  it('refuses a malformed entry, naming it and the setting, instead of skipping it', () => {
    for (const entry of ['10.0.0.0/33', 'fd00::/129', '10.0.0', '10.0.0.1/', '10.0.0.1/8/8', '10.0.0.1/-1', 'proxy.internal', 'fe80::1%eth0', '2001:db8::/x', '010.0.0.1', '*']) {
      expect(() => parseTrustedProxies(`127.0.0.1,${entry}`), entry).toThrow(`SHOAL_TRUSTED_PROXIES must be a comma-separated list of IP addresses and CIDR ranges (such as 127.0.0.1,10.0.0.0/8,::1,fd00::/8); not "${entry}"`);
    }
    expect(() => parseTrustedProxies('10.0.0.0/33,::1,nginx')).toThrow('not "10.0.0.0/33", "nginx"');
  });
});
