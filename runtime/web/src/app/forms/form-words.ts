import type { UiLocale } from '../../shared/labels.ts';

// The form's words, apart from its validator: the error words of every screen use them, and the
// validator brings a regular-expression engine the first screen should not load.
const messages = {
  required: { en: 'is required', zh: '必填' },
  type: { en: 'has the wrong type', zh: '类型不正确' },
  integer: { en: 'must be a whole number', zh: '必须是整数' },
  minimum: { en: 'must be ≥ {n}', zh: '不能小于 {n}' },
  maximum: { en: 'must be ≤ {n}', zh: '不能大于 {n}' },
  maxLength: { en: 'must be at most {n} characters', zh: '不能超过 {n} 个字符' },
  pattern: { en: 'is not in the expected format', zh: '格式不正确' },
  phone: { en: 'must be a phone number of at least 3 digits, e.g. 13800138000 or +86 21 6888 8888', zh: '应为至少 3 位数字的电话号码，如 13800138000 或 +86 21 6888 8888' },
  url: { en: 'must be a web address starting with http:// or https://', zh: '应为以 http:// 或 https:// 开头的网址' },
  email: { en: 'must be an e-mail address', zh: '必须是有效的邮箱' },
  date: { en: 'must be a date', zh: '必须是日期' },
  option: { en: 'is not one of the options', zh: '不是可选值' },
  unique: { en: 'has repeated values', zh: '有重复的值' },
  notBefore: { en: 'must not be earlier than {field}', zh: '不能早于{field}' },
  notAfter: { en: 'must not be later than {field}', zh: '不能晚于{field}' },
} as const;

export type MessageKey = keyof typeof messages;

/** What the form says of a value it refuses (`phone`: 应为至少 3 位数字的电话号码…), for the server's words of the same refusal. */
export function formWords(key: MessageKey, locale: UiLocale): string {
  return messages[key][locale];
}

/**
 * English reads a field's problem as a sentence with the field's name (Cuisine is required, not
 * "is required" under the field or "Cuisine: is required" in a row); other words keep `joiner`.
 * Chinese keeps its own forms (品类：必填, and 必填 under the field).
 */
export function fieldSentence(label: string, text: string, joiner = ' — '): string {
  if (text.startsWith(label)) return text;
  return /^(is|are|must|has|have|refers|cannot|can|should|does|was|needs)\b/.test(text) ? `${label} ${text}` : `${label}${joiner}${text}`;
}

