import { BlockList, isIP } from 'node:net';
import { withoutIpv4Mapping } from '../../../platform/auth/login-rate-limiter.ts';

/** The reverse proxies whose `X-Forwarded-For` is believed (`SHOAL_TRUSTED_PROXIES`). */
export interface TrustedProxies {
  /** The entries as configured, for messages and logs. */
  readonly entries: readonly string[];
  includes(address: string): boolean;
}

const example = '127.0.0.1,10.0.0.0/8,::1,fd00::/8';

/**
 * Parses a comma-separated list of IPv4 and IPv6 addresses and CIDR ranges. A malformed entry is
 * refused (an error naming it and the setting), never skipped: a proxy silently left out would
 * put everyone behind it on its one address for the login limits again.
 *
 * @example
 * parseTrustedProxies('10.0.0.0/8, ::1').includes('10.1.2.3')        // true
 * parseTrustedProxies('10.0.0.0/8').includes('::ffff:10.1.2.3')      // true (IPv4-mapped)
 * parseTrustedProxies('10.0.0.0/33')                                  // throws
 */
export function parseTrustedProxies(text: string, setting = 'SHOAL_TRUSTED_PROXIES'): TrustedProxies {
  const list = new BlockList();
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const malformed = entries.filter((entry) => !addEntry(list, entry));
  if (malformed.length > 0) {
    throw new Error(`${setting} must be a comma-separated list of IP addresses and CIDR ranges (such as ${example}); not ${malformed.map((entry) => `"${entry}"`).join(', ')}`);
  }
  return {
    entries,
    includes(address) {
      const plain = withoutIpv4Mapping(address.split('%')[0]!);
      const family = isIP(plain);
      return entries.length > 0 && family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** No proxy is trusted (the default): `X-Forwarded-For` is never read. */
export const noTrustedProxies: TrustedProxies = parseTrustedProxies('');

/** Adds `address` or `address/prefix` to the list; false when it is neither. */
function addEntry(list: BlockList, entry: string): boolean {
  const match = /^([^/%]+)(?:\/(\d{1,3}))?$/.exec(entry);
  if (!match) return false;
  let address = match[1]!;
  let family = isIP(address);
  if (family === 0) return false;
  let prefix = match[2] === undefined ? (family === 4 ? 32 : 128) : Number(match[2]);
  // An IPv4-mapped range is the IPv4 range it maps (peers are compared as IPv4).
  const unmapped = withoutIpv4Mapping(address);
  if (unmapped !== address && prefix >= 96) {
    [address, family, prefix] = [unmapped, 4, prefix - 96];
  }
  if (prefix > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return true;
}

/**
 * The address of the client behind a request. Each proxy appends the address it was reached from
 * to `X-Forwarded-For`, so when the socket's peer is a trusted proxy the header is read from the
 * right, past the trusted proxies, to the first address that is not one: entries further left
 * came from the client and could be anything, so they are never read. When every hop is trusted
 * the left-most is the client. Otherwise, without the header, or when an entry the walk reaches
 * is not an address, the socket's peer is the client. IPv4-mapped IPv6 addresses come back as IPv4.
 *
 * @example
 * const trusted = parseTrustedProxies('10.0.0.0/8');
 * resolveClientAddress('10.0.0.2', '198.51.100.7, 203.0.113.5', trusted)   // '203.0.113.5'
 * resolveClientAddress('10.0.0.2', '203.0.113.5, 10.0.0.9', trusted)       // '203.0.113.5'
 * resolveClientAddress('203.0.113.5', '198.51.100.7', trusted)             // '203.0.113.5' (not a proxy)
 */
export function resolveClientAddress(peer: string, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  const socket = withoutIpv4Mapping(peer);
  if (forwardedFor === undefined || !trusted.includes(socket)) return socket;
  const hops = forwardedFor.split(',');
  let client = socket;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = forwardedAddress(hops[i]!);
    if (hop === undefined) return socket;
    client = hop;
    if (!trusted.includes(hop)) break;
  }
  return client;
}

/**
 * One `X-Forwarded-For` entry as an address, or undefined when it is not one. Some load balancers
 * add the client's port (`203.0.113.5:41234`, `[2001:db8::1]:41234`); the port is dropped.
 */
function forwardedAddress(entry: string): string | undefined {
  const text = entry.trim();
  const address = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text)?.[1] ?? text;
  return isIP(address) === 0 ? undefined : withoutIpv4Mapping(address);
}
