import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorCodes } from '../../../../../platform/errors.ts';
import { ApiClient, ApiError } from '../../shared/api-client.ts';
import { errorStrings } from '../i18n/error-strings.ts';
import { errorText, isMissingEndpoint } from './api-errors.ts';

const params = (text: string) => [...new Set([...text.matchAll(/\{(\w+)[}:]/g)].map((m) => m[1]))].sort();

describe('API errors', () => {
  it('tells a missing endpoint from a missing resource', () => {
    expect(isMissingEndpoint(new ApiError(404, 'not_found', 'No route for GET /api/t/x/work-orders'))).toBe(true);
    expect(isMissingEndpoint(new ApiError(404, 'not_found', 'There is no pool called leadPool'))).toBe(false);
  });

  it('has words in both languages for every code the server sends, with the same parameters', () => {
    expect(Object.keys(errorStrings).sort()).toEqual([...errorCodes].sort());
    for (const [code, words] of Object.entries(errorStrings)) {
      for (const text of [words, words.detailed].filter((t) => t !== undefined)) {
        expect(text.en, code).not.toBe('');
        expect(text.zh, code).not.toBe('');
        expect(params(text.zh), code).toEqual(params(text.en));
      }
    }
  });

  it('speaks the reader’s language by code, not the server’s English', () => {
    expect(errorText(new ApiError(403, 'forbidden', 'You may not change this lead'), 'zh')).toBe('你无权执行此操作');
    expect(errorText(new ApiError(403, 'forbidden', 'You may not change this lead'), 'en')).toBe('You may not do this');
    expect(errorText(new ApiError(409, 'already_claimed', 'Someone else claimed this lead first'), 'zh')).toBe('已被他人领取');
    expect(errorText(new ApiError(409, 'extension_limit_reached', 'x'), 'zh')).toBe('延期次数已用完');
  });

  it('keeps the problem’s specifics: limits, counts and the date a cooldown ends', () => {
    const cooldown = new ApiError(409, 'cooldown', 'You let this lead go on 2026-12-05; …', [], { availableAt: '2026-12-12T03:00:00.000Z' });
    expect(errorText(cooldown, 'zh', (iso) => iso.slice(0, 10))).toBe('你最近释放过该线索，2026-12-12 之后才能再次领取');
    expect(errorText(cooldown, 'en', (iso) => iso.slice(0, 10))).toBe('You released it recently; you can claim it again after 2026-12-12');
    // Without a way to show the date in the tenant's zone, no date rather than a wrong one.
    expect(errorText(cooldown, 'en')).toBe('You released it recently; wait before claiming it again');
    expect(errorText(new ApiError(409, 'daily_claim_limit_reached', 'x', [], { limit: 30 }), 'zh')).toBe('今日领取数量已达上限（30 条）');
    expect(errorText(new ApiError(409, 'claim_limit_reached', 'x'), 'en')).toBe('The limit of private leads is reached');
    const filter = new ApiError(400, 'invalid_filter', 'The filter has 2 problems', [{ path: '/roomz', message: 'is not a field of lead' }, { path: '/x', message: 'y' }]);
    expect(errorText(filter, 'en')).toBe('The filter has 2 problems');
    expect(errorText(filter, 'zh')).toBe('筛选条件有 2 处错误');
  });

  it('falls back to the server’s text for a code it does not know', () => {
    expect(errorText(new ApiError(418, 'teapot', 'I am a teapot'), 'zh')).toBe('I am a teapot');
    expect(errorText(new ApiError(502, 'error', ''), 'zh')).toBe('出错了');
    expect(errorText(new ApiError(418, 'toString', 'Not a dictionary key'), 'en')).toBe('Not a dictionary key');
  });

  describe('when no answer comes, or a proxy answers instead of the server', () => {
    // The client keeps its CSRF token in sessionStorage, which Node lacks (test files share a worker: removed after).
    beforeAll(() => { (globalThis as { sessionStorage?: unknown }).sessionStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined }; });
    afterAll(() => { delete (globalThis as { sessionStorage?: unknown }).sessionStorage; });
    afterEach(() => { vi.restoreAllMocks(); });
    const failed = async (request: (api: ApiClient) => Promise<unknown>): Promise<unknown> => request(new ApiClient('hotel')).then(() => undefined, (error: unknown) => error);

    it('says there is no connection, not the browser’s “Failed to fetch” or “Load failed”', async () => {
      for (const words of ['Failed to fetch', 'Load failed', 'NetworkError when attempting to fetch resource.']) {
        vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError(words));
        const claim = await failed((api) => api.post('/pools/leadPool/claim', { id: 'x' }));
        expect(claim).toMatchObject({ status: 0, code: 'network_error' });
        expect(errorText(claim, 'zh')).toBe('无法连接服务器，请检查网络后重试');
        expect(errorText(claim, 'en')).toBe('No connection to the server; check the network and try again');
        // Signing in goes the same way.
        expect(errorText(await failed((api) => api.login('bd@hotel.test', 'secret')), 'zh')).toBe('无法连接服务器，请检查网络后重试');
      }
    });

    it('words a page that is no problem of the server’s by its status, not by “Bad Gateway”', async () => {
      const page = (status: number, statusText: string) => vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('<html><body>nginx</body></html>', { status, statusText, headers: { 'content-type': 'text/html' } }));
      page(502, 'Bad Gateway');
      expect(errorText(await failed((api) => api.patch('/records/lead/1', { name: 'x' })), 'zh')).toBe('服务器暂时无法访问，请稍后重试');
      page(504, 'Gateway Timeout');
      expect(errorText(await failed((api) => api.get('/records/lead')), 'en')).toBe('The server cannot be reached right now; try again shortly');
      page(500, 'Internal Server Error');
      expect(errorText(await failed((api) => api.get('/records/lead')), 'zh')).toBe('服务器出错了，请稍后重试');
      page(401, 'Unauthorized');
      expect(errorText(await failed((api) => api.get('/records/lead')), 'zh')).toBe('登录已失效，请重新登录');
      page(400, 'Bad Request');
      expect(errorText(await failed((api) => api.get('/records/lead')), 'zh')).toBe('服务器未接受此请求');
      // The server's own problems keep their words.
      vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json({ code: 'already_claimed', detail: 'Someone else claimed this lead first' }, { status: 409 }));
      expect(errorText(await failed((api) => api.post('/pools/leadPool/claim', { id: 'x' })), 'zh')).toBe('已被他人领取');
    });
  });
});
