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
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  switch (type) {
    case 'phone': {
      // Digits, a leading +, and the pause and extension marks a dialler knows.
      const dialled = text.replace(/[^\d+#*,;]/g, '').replace(/(?!^)\+/g, '');
      return (dialled.match(/\d/g)?.length ?? 0) >= 3 ? `tel:${dialled}` : undefined;
    }
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
    default:
      return undefined;
  }
}
