import { describe, expect, it } from 'vitest';
import { isPrivateAddress, reachesPrivateAddress } from './webhooks.ts';

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

  it('takes a name that resolves to a private address as private, and one that does not resolve as not', async () => {
    const lookup = async (host: string) => ({ 'rebound.example.com': [{ address: '203.0.113.5' }, { address: '127.0.0.1' }], 'public.example.com': [{ address: '203.0.113.5' }] })[host] ?? Promise.reject(new Error('ENOTFOUND'));
    expect(await reachesPrivateAddress('https://rebound.example.com/hook', lookup)).toBe(true);
    expect(await reachesPrivateAddress('https://public.example.com/hook', lookup)).toBe(false);
    expect(await reachesPrivateAddress('https://nowhere.example.com/hook', lookup)).toBe(false);
    expect(await reachesPrivateAddress('http://[::ffff:7f00:1]:3000/hook', lookup)).toBe(true);
  });
});
