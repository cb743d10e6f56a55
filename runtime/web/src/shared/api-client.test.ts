import { describe, expect, it } from 'vitest';
import { attachmentName } from './api-client.ts';

describe('the API client', () => {
  it('names a downloaded file as the server does', () => {
    expect(attachmentName('attachment; filename="lead-2026-12-06.csv"')).toBe('lead-2026-12-06.csv');
    expect(attachmentName('attachment; filename=lead.csv')).toBe('lead.csv');
    expect(attachmentName('attachment; filename="x.csv"; filename*=UTF-8\'\'%E7%BA%BF%E7%B4%A2.csv')).toBe('线索.csv');
    expect(attachmentName(null)).toBeUndefined();
  });
});
