import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress, isPrivateIp, PrivateAddressError, vettedAgent, vettedLookup } from './webhook-addresses.ts';

describe('webhook addresses', () => {
  it('takes loopback, private and shared networks in every spelling as private', () => {
    const local = [
      'http://localhost/', 'http://localhost./', 'http://a.localhost/', 'http://127.0.0.1./', 'http://127.0.0.1/', 'http://127.1:8080/', 'http://2130706433/', 'http://0.0.0.0/', 'http://10.1.2.3/',
      'http://172.16.0.1/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data', 'http://100.100.100.200/latest/meta-data',
      'http://[::1]/', 'http://[::]/', 'http://[::ffff:127.0.0.1]/', 'http://[0:0:0:0:0:ffff:7f00:1]/', 'http://[::ffff:10.0.0.1]/', 'http://[fd00::1]/', 'http://[fe80::1]/',
    ];
    for (const url of local) expect(isPrivateAddress(url), url).toBe(true);
    for (const url of ['https://hooks.example.com/x', 'http://8.8.8.8/', 'http://172.32.0.1/', 'http://[2001:db8::1]/', 'http://[::ffff:8.8.8.8]/']) {
      expect(isPrivateAddress(url), url).toBe(false);
    }
  });

  it('takes an IPv6 address by the IPv4 address it carries (NAT64, 6to4, IPv4-compatible), and site-local and Teredo ones as private', () => {
    const embedding = [
      '64:ff9b::7f00:1', '64:ff9b::127.0.0.1', '64:ff9b::a9fe:a9fe', '64:ff9b::a00:1', // NAT64 of 127.0.0.1, 169.254.169.254, 10.0.0.1
      '2002:7f00:1::', '2002:a9fe:a9fe::1', '2002:c0a8:101:1::1', // 6to4 of 127.0.0.1, 169.254.169.254, 192.168.1.1
      '::127.0.0.1', '::a00:1', '::ffff:0:7f00:1', // IPv4-compatible and translated
      'fec0::1', 'feff::1', '2001::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '64:ff9b:1::a00:1', // site-local, Teredo, local-use NAT64
    ];
    for (const address of embedding) expect(isPrivateIp(address), address).toBe(true);
    for (const address of embedding) expect(isPrivateAddress(`http://[${address}]:8080/hook`), address).toBe(true);
    for (const address of ['64:ff9b::808:808', '2002:808:808::1', '2001:db8::1', '2606:4700:4700::1111', '2400:3200::1']) {
      expect(isPrivateIp(address), address).toBe(false);
    }
  });
});

describe('connecting only to vetted addresses', () => {
  const received: Array<{ path: string; host: string | undefined }> = [];
  const receiver = createServer((req: IncomingMessage, res) => {
    received.push({ path: req.url ?? '', host: req.headers.host });
    res.statusCode = 204;
    res.end();
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  /** A name that answers its first lookup with `first` and every later one with `then` (DNS rebinding). */
  function rebinding(first: string, then: string) {
    const asked: string[] = [];
    const resolve = async (host: string): Promise<LookupAddress[]> => {
      asked.push(host);
      return [{ address: asked.length === 1 ? first : then, family: 4 }];
    };
    return { asked, resolve };
  }

  it('resolves a name once and connects to the address it vetted, keeping the name in Host', async () => {
    // 127.0.0.1 stands in for a public address here (the receiver runs on it); 10.9.9.9 is the rebound answer.
    const dns = rebinding('127.0.0.1', '10.9.9.9');
    const agent = vettedAgent(dns.resolve, (address) => address !== '127.0.0.1');
    try {
      const response = await fetch(`http://rebind.example.com:${port}/pinned`, { method: 'POST', body: '{}', dispatcher: agent });
      expect(response.status).toBe(204);
    } finally {
      await agent.close();
    }
    expect(dns.asked).toEqual(['rebind.example.com']);
    expect(received).toContainEqual({ path: '/pinned', host: `rebind.example.com:${port}` });
  });

  it('refuses a name that resolves to a private address, NAT64 and 6to4 included, and connects nowhere', async () => {
    for (const address of ['127.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::']) {
      const agent = vettedAgent(async () => [{ address, family: address.includes(':') ? 6 : 4 }]);
      const before = received.length;
      try {
        const failure = await fetch(`http://evil.example.com:${port}/x`, { dispatcher: agent }).catch((e: Error) => e);
        expect(failure).toBeInstanceOf(Error);
        expect((failure as Error).cause).toBeInstanceOf(PrivateAddressError);
        expect(((failure as Error).cause as Error).message).toBe(`The URL reaches a private or loopback address (evil.example.com is ${address}); it was not called`);
      } finally {
        await agent.close();
      }
      expect(received.length).toBe(before);
    }
  });

  it('answers a socket asking for one address or for all of them, of the family it wants', async () => {
    const lookup = vettedLookup(async () => [{ address: '203.0.113.5', family: 4 }, { address: '2001:db8::5', family: 6 }]);
    const ask = (options: { all?: boolean; family?: number }) => new Promise((resolve, reject) => {
      lookup('public.example.com', options, (error, address, family) => (error ? reject(error) : resolve([address, family])));
    });
    expect(await ask({ all: true })).toEqual([[{ address: '203.0.113.5', family: 4 }, { address: '2001:db8::5', family: 6 }], undefined]);
    expect(await ask({ family: 6 })).toEqual(['2001:db8::5', 6]);
    expect(await ask({})).toEqual(['203.0.113.5', 4]);
  });
});
