import { phonePattern } from '../../../../platform/metadata/value-patterns.ts';

/**
 * Where a contact value leads when tapped: a phone number dials (`tel:`), an e-mail address
 * writes (`mailto:`), a web address opens. Only values that are what they claim: a `url` field's
 * `javascript:` or `data:` value leads nowhere, an address with `?` cannot add a copy or a body.
 *
 * @example
 * contactHref('phone', '+86 138-0013-8000') // 'tel:+8613800138000'
 * contactHref('url', 'javascript:alert(1)') // undefined
 */
export function contactHref(type: string | undefined, value: unknown): string | undefined {
  // Every cell of a list asks: other types and non-text values are answered before any work.
  if ((type !== 'phone' && type !== 'email' && type !== 'url') || typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  switch (type) {
    case 'phone':
      // Only a number a record may hold (an extension written as 转 203 is no part of it): its digits and leading +.
      return phone.test(text) ? `tel:${text.replace(/[^\d+]/g, '')}` : undefined;
    case 'email':
      return /^[^\s@?&#/\\:]+@[^\s@?&#/\\:]+\.[^\s@?&#/\\:]+$/.test(text) ? `mailto:${text}` : undefined;
    case 'url': {
      try {
        const url = new URL(text);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
      } catch {
        return undefined;
      }
    }
  }
}

const phone = new RegExp(phonePattern);
