import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../runtime/web/src/shared/fill-template.ts';
import { enMessages, type MessageKey } from '../i18n/en-messages.ts';
import { zhMessages } from '../i18n/zh-messages.ts';
import { errorMessage } from './error-message.ts';
import { ApiError } from './studio-api.ts';

const inChinese = (key: MessageKey, vars?: Record<string, string | number>) => fillTemplate(zhMessages[key], vars ?? {});
const inEnglish = (key: MessageKey, vars?: Record<string, string | number>) => fillTemplate(enMessages[key], vars ?? {});

describe('a failed request in the studio', () => {
  it('says there is no connection, or that the server is unreachable, in the owner’s language instead of the browser’s or a proxy’s English', () => {
    expect(errorMessage(new ApiError(0, 'network_error', 'Failed to fetch'), inChinese)).toBe('无法连接服务器，请检查网络后重试。');
    expect(errorMessage(new ApiError(502, 'unexpected_answer', 'Bad Gateway'), inChinese)).toBe('服务器暂时无法访问，请稍后重试。');
    expect(errorMessage(new ApiError(504, 'unexpected_answer', 'Gateway Timeout'), inEnglish)).toBe('The server cannot be reached right now; try again shortly.');
    // The server's own problems keep its message.
    expect(errorMessage(new ApiError(409, 'conflict', 'The draft changed meanwhile'), inChinese)).toBe('The draft changed meanwhile');
  });
});
