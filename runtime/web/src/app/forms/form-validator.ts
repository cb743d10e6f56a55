import { isEarlier } from '../../../../../platform/metadata/date-order.ts';
import { isUnfilled } from '../../../../../platform/pipelines/stage-requirements.ts';
import { linearRegExp } from '../../../../../platform/validation/linear-regexp.ts';
import type { ProblemItem } from '../../shared/api-client.ts';
import type { UiLocale } from '../../shared/labels.ts';
import type { FlatSchema, PropertySchema } from './form-schema.ts';
import { fieldSentence, formWords, type MessageKey } from './form-words.ts';


/**
 * Checks form data against a flat schema the way the server's JSON Schema does, so most
 * mistakes show before the round trip. Problems come back in the server's shape (JSON pointers).
 */
export function validateFlat(schema: FlatSchema, data: Record<string, unknown>, locale: UiLocale): ProblemItem[] {
  const problems: ProblemItem[] = [];
  const say = (key: string, message: MessageKey, n?: number, field?: string) => {
    const words = formWords(message, locale).replace('{n}', String(n)).replace('{field}', field ?? '');
    problems.push({ path: `/${key}`, message: locale === 'en' ? fieldSentence(schema.properties[key]?.title ?? key, words) : words });
  };
  for (const key of schema.required) {
    const value = data[key];
    if (isUnfilled(value)) say(key, 'required');
  }
  for (const [key, property] of Object.entries(schema.properties)) {
    const value = data[key];
    if (value === undefined || value === null || property.readOnly) continue;
    const problem = checkValue(property, value);
    if (problem) say(key, problem.key, problem.n);
  }
  for (const order of dateOrderProblems(schema, data)) say(order.at, order.message, undefined, order.other);
  return problems;
}

/**
 * 下次拜访 earlier than 拜访时间 (`notBefore`), as the server checks it, once both are valid values:
 * said at the later field, or at the earlier one where only that one is the reader's to change
 * (拜访时间 不能晚于下次拜访), so the message stands where they can act on it. Neither theirs: nothing to say.
 */
function dateOrderProblems(schema: FlatSchema, data: Record<string, unknown>): DateOrderProblem[] {
  const found: DateOrderProblem[] = [];
  for (const [key, property] of Object.entries(schema.properties)) {
    if (property.notBefore === undefined) continue;
    const earlierKey = property.notBefore;
    // The record's value of a field the form leaves out is still checked (the server would), as one the reader cannot change here.
    const earlier = schema.properties[earlierKey] ?? { ...property, title: property.notBeforeTitle ?? earlierKey, readOnly: true };
    const value = data[key];
    const limit = data[earlierKey];
    if (typeof value !== 'string' || typeof limit !== 'string' || checkValue(property, value) || checkValue(earlier, limit) || !isEarlier(value, limit)) continue;
    if (!property.readOnly) found.push({ at: key, message: 'notBefore', other: earlier.title ?? earlierKey });
    else if (!earlier.readOnly) found.push({ at: earlierKey, message: 'notAfter', other: property.title ?? key });
  }
  return found;
}

interface DateOrderProblem {
  /** The field the message stands at, the one the reader may change. */
  at: string;
  message: 'notBefore' | 'notAfter';
  /** The label of the field it names. */
  other: string;
}

function checkValue(property: PropertySchema, value: unknown): { key: MessageKey; n?: number } | undefined {
  switch (property.type) {
    case 'string': {
      if (typeof value !== 'string') return { key: 'type' };
      if (property.maxLength !== undefined && [...value].length > property.maxLength) return { key: 'maxLength', n: property.maxLength };
      if (property.pattern && !safeTest(property.pattern, value)) return { key: property.patternOf ?? 'pattern' };
      if (property.enum && !property.enum.includes(value)) return { key: 'option' };
      if (property.format === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { key: 'email' };
      if (property.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return { key: 'date' };
      if (property.format === 'date-time' && Number.isNaN(Date.parse(value))) return { key: 'date' };
      return undefined;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'type' };
      if (property.type === 'integer' && !Number.isInteger(value)) return { key: 'integer' };
      if (property.minimum !== undefined && value < property.minimum) return { key: 'minimum', n: property.minimum };
      if (property.maximum !== undefined && value > property.maximum) return { key: 'maximum', n: property.maximum };
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { key: 'type' };
    case 'array': {
      if (!Array.isArray(value)) return { key: 'type' };
      if (property.uniqueItems && new Set(value).size !== value.length) return { key: 'unique' };
      const allowed = property.items?.enum;
      if (allowed && value.some((v) => !allowed.includes(v as string))) return { key: 'option' };
      return undefined;
    }
  }
}


/** A tenant's pattern, matched in linear time as the server does: JavaScript's engine could hang the tab. */
function safeTest(pattern: string, value: string): boolean {
  try {
    return linearRegExp(pattern).test(value);
  } catch {
    return true;
  }
}
