import { describe, expect, it } from 'vitest';
import { contactHref } from './contact-links.ts';

describe('where a contact value leads', () => {
  it('dials a phone number a record may hold, as its digits with the country code', () => {
    expect(contactHref('phone', '+86 138-0013-8000')).toBe('tel:+8613800138000');
    expect(contactHref('phone', '0571 (8888) 6666')).toBe('tel:057188886666');
    // Not a number a record may hold: an extension's digits would dial another number.
    expect(contactHref('phone', '0571-88886666 转 203')).toBeUndefined();
    expect(contactHref('phone', '前台0571 8765 4321')).toBeUndefined();
    expect(contactHref('phone', '1+2')).toBeUndefined();
    expect(contactHref('phone', '')).toBeUndefined();
    expect(contactHref('phone', 12345)).toBeUndefined();
  });

  it('writes to an e-mail address, and only to it', () => {
    expect(contactHref('email', ' li@hotel.cn ')).toBe('mailto:li@hotel.cn');
    expect(contactHref('email', 'li@hotel.cn?cc=boss@x.cn')).toBeUndefined();
    expect(contactHref('email', 'not an address')).toBeUndefined();
  });

  it('opens web addresses, never a script', () => {
    expect(contactHref('url', 'https://hotel.example/about')).toBe('https://hotel.example/about');
    expect(contactHref('url', 'javascript:alert(1)')).toBeUndefined();
    expect(contactHref('url', 'data:text/html,<b>x</b>')).toBeUndefined();
    expect(contactHref('url', 'hotel.example')).toBeUndefined();
    expect(contactHref('text', 'https://hotel.example')).toBeUndefined();
  });
});
