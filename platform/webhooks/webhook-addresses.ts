import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

/**
 * The networks a webhook may not call unless allowed: this host, private and shared (carrier-grade
 * NAT, where Alibaba Cloud's metadata service answers at 100.100.100.200) networks, link-local,
 * multicast and reserved. IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) count as their IPv4
 * address, and `::` (which connects to this host) as loopback.
 */
const privateNetworks = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) {
  privateNetworks.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) privateNetworks.addSubnet(network, prefix, 'ipv6');

/**
 * The IPv4 address an IPv6 address carries and reaches through a gateway or tunnel: mapped and
 * translated (`::ffff:…`), IPv4-compatible (`::a.b.c.d`), NAT64 (`64:ff9b::7f00:1` is 127.0.0.1)
 * and 6to4 (`2002:7f00:1::`). `null` for forms refused whole: Teredo (the IPv4 it reaches is
 * obfuscated, and public webhooks do not live there), local-use NAT64 (`64:ff9b:1::/48`, a
 * network's own translator) and site-local `fec0::/10` (deprecated, still routed privately).
 * ipaddr.js reads every spelling of an IPv6 address into its eight 16-bit parts.
 */
function embeddedIpv4(address: string): string | null | undefined {
  let parts: number[];
  let range: string;
  try {
    const ip = ipaddr.IPv6.parse(address);
    [parts, range] = [ip.parts, ip.range()];
  } catch {
    return null;
  }
  const v4 = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  switch (range) {
    case 'ipv4Mapped': case 'rfc6145': return v4(parts[6]!, parts[7]!);
    case 'rfc6052': return parts[2] === 0 ? v4(parts[6]!, parts[7]!) : null;
    case '6to4': return v4(parts[1]!, parts[2]!);
    case 'teredo': case 'deprecatedSiteLocal': return null;
  }
  return parts.slice(0, 6).every((p) => p === 0) ? v4(parts[6]!, parts[7]!) : undefined;
}

/** Whether an IP address is one a webhook may not reach: by its own network, or by the IPv4 address it embeds. */
export function isPrivateIp(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (privateNetworks.check(address, family === 4 ? 'ipv4' : 'ipv6')) return true;
  if (family === 4) return false;
  const embedded = embeddedIpv4(address);
  return embedded === null || (embedded !== undefined && isPrivateIp(embedded));
}

/** A URL's host as a name or an address (an IPv6 one without its brackets). */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '');
}

/** A webhook URL whose host is this machine or a private network by its text (an IP address, `localhost`). */
export function isPrivateAddress(url: string): boolean {
  // A fully qualified name may end in a dot (localhost.), which resolves as without it.
  const host = hostOf(url).replace(/\.$/, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isPrivateIp(host);
}

/** What a delivery records when a name resolves to a private address. */
export class PrivateAddressError extends Error {
  constructor(host: string, address: string) {
    super(`The URL reaches a private or loopback address (${host} is ${address}); it was not called`);
  }
}

export type Resolve = (host: string) => Promise<LookupAddress[]>;

const resolveAll: Resolve = (host) => dnsLookup(host, { all: true });

/**
 * A `lookup` for sockets that resolves a name once, refuses it if any of its addresses is private
 * (a public name can point at 127.0.0.1), and hands the socket exactly the addresses it vetted:
 * checking, then letting fetch resolve again, let a name answer a public address to the check
 * and 127.0.0.1 to the connection (DNS rebinding).
 */
export function vettedLookup(resolve: Resolve = resolveAll, isForbidden: (address: string) => boolean = isPrivateIp): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then((found) => {
      const forbidden = found.find((a) => isForbidden(a.address));
      if (forbidden) throw new PrivateAddressError(hostname, forbidden.address);
      const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
      if (wanted.length === 0) throw Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: 'ENOTFOUND' });
      if (options.all) callback(null, wanted);
      else callback(null, wanted[0]!.address, wanted[0]!.family);
    }).catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
  };
}

/**
 * An undici dispatcher whose connections go only to vetted addresses (`vettedLookup`). The URL
 * keeps its name: the Host header and TLS's server name (SNI) and certificate check are the
 * name's, not the address's.
 */
export function vettedAgent(resolve?: Resolve, isForbidden?: (address: string) => boolean): Agent {
  return new Agent({ connect: { lookup: vettedLookup(resolve, isForbidden) } });
}
