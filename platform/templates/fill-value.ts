import { ShoalError } from '../errors.ts';
import { isCalendarDate, normalizeInstant } from '../filter/filter-values.ts';
import { optionValues } from '../metadata/field-types.ts';
import { labelText, type FieldDefinition, type FilterJson, type SelectOption } from '../metadata/metadata-types.ts';
import { addDays, addInZone, localDate, startOfInZone } from '../time/zoned-time.ts';
import type { Random } from './random.ts';
import type { FillSpec, Range, SampleDataSpec, SampleValue } from './sample-data-types.ts';

/** A value found at a path, with the definition of the field it came from (if it is a field). */
export interface PathValue {
  value: unknown;
  field?: FieldDefinition;
}

/** What a fill needs from the generator: randomness, the clock, the spec, and the record so far. */
export interface FillEnv {
  rng: Random;
  now: Date;
  zone: string;
  spec: SampleDataSpec;
  /** 1-based position of the record among its object's records. */
  index: number;
  /** JSON pointer of the fill in the spec (for error messages). */
  pointer: string;
  /** Stage keys of the field, for stage fields. */
  stageKeys?: string[];
  /** The value at a path (`city`, `hotel.city`, `lead.claimedAt`); throws if the path cannot exist. */
  resolve(path: string): PathValue;
  /** A reference to a random earlier record (or user) of `target`. */
  pickRef(target: string, where: FilterJson | undefined, distinct: boolean): SampleValue | undefined;
}

/** A problem in a sample-data spec, at its JSON pointer. */
export function specError(pointer: string, message: string): ShoalError {
  return new ShoalError('validation_failed', `The sample-data spec is not valid: ${pointer} ${message}`, {
    errors: [{ path: pointer, message }],
  });
}

const defaultMaxLength: Partial<Record<FieldDefinition['type'], number>> = {
  text: 255, textarea: 10000, email: 254, phone: 32, url: 2048,
};

/**
 * Produces one raw value for a field from its fill spec (before type checks), or undefined
 * when the fill has nothing to give (a path without a value, a failed `presence` roll is
 * decided by the caller).
 */
export function rawFill(field: FieldDefinition, fill: FillSpec, env: FillEnv): unknown {
  if ('value' in fill) return fill.value;
  if ('pick' in fill) return fillPick(field, fill, env);
  if ('range' in fill) return fillRange(fill, env);
  if ('near' in fill) return fillNear(fill, env);
  if ('days' in fill) return fillDays(field, fill, env);
  if ('template' in fill) {
    const templates = Array.isArray(fill.template) ? fill.template : [fill.template];
    const chosen = templates[fill.weights ? env.rng.weightedIndex(fill.weights) : env.rng.int(0, templates.length - 1)]!;
    return renderTemplate(chosen, env);
  }
  if ('person' in fill) return personName(env, fill.person.zhShare);
  if ('chance' in fill) return env.rng.chance(fill.chance);
  if ('ref' in fill) {
    if (field.type !== 'lookup' || !field.object) throw specError(env.pointer, 'ref fills only lookup fields');
    const options = fill.ref === 'any' ? {} : fill.ref;
    return env.pickRef(field.object, options.where, options.distinct ?? false);
  }
  if ('copy' in fill) return env.resolve(fill.copy).value ?? undefined;
  throw specError(env.pointer, 'is not a known kind of fill');
}

function fillPick(field: FieldDefinition, fill: Extract<FillSpec, { pick: unknown }>, env: FillEnv): unknown {
  let items: unknown[];
  let weights: number[] | undefined;
  if (fill.pick === 'options') {
    items = field.type === 'stage' ? [...(env.stageKeys ?? [])] : optionValues(field);
    if (items.length === 0) throw specError(env.pointer, 'picks "options" but the field has none');
  } else if (Array.isArray(fill.pick)) {
    items = fill.pick;
  } else {
    // Map keys are strings; a numeric field picks the numbers they spell (`{ 3: 35, 4: 30 }`).
    const numeric = ['integer', 'decimal', 'currency', 'percent'].includes(field.type);
    items = Object.keys(fill.pick).map((k) => (numeric && k.trim() !== '' && Number.isFinite(Number(k)) ? Number(k) : k));
    weights = Object.values(fill.pick);
  }
  if (items.length === 0) throw specError(`${env.pointer}/pick`, 'must not be empty');
  const one = () => (weights ? items[env.rng.weightedIndex(weights)] : env.rng.pick(items));
  if (!fill.count) return field.type === 'multiselect' ? [one()] : one();
  const n = env.rng.int(fill.count[0], fill.count[1]);
  const chosen = weights ? weightedSample(items, weights, n, env.rng) : env.rng.sample(items, n);
  return fill.join !== undefined ? chosen.join(fill.join) : chosen;
}

function weightedSample<T>(items: T[], weights: number[], n: number, rng: Random): T[] {
  const pool = items.map((item, i) => ({ item, weight: weights[i] ?? 0 }));
  const out: T[] = [];
  while (out.length < n && pool.length > 0) {
    const i = rng.weightedIndex(pool.map((p) => p.weight));
    out.push(pool[i]!.item);
    pool.splice(i, 1);
  }
  return out;
}

function fillRange(fill: Extract<FillSpec, { range: Range }>, env: FillEnv): number | undefined {
  const [min, max] = fill.range;
  let u = env.rng.next();
  if (fill.skew !== undefined && fill.skew > 0) u = u ** fill.skew;
  let value = min + (max - min) * u;
  const factors = fill.times === undefined ? [] : Array.isArray(fill.times) ? fill.times : [fill.times];
  for (const path of factors) {
    const factor = env.resolve(path).value;
    if (factor === undefined || factor === null) return undefined;
    if (typeof factor !== 'number') throw specError(`${env.pointer}/times`, `${path} is not a number`);
    value *= factor;
  }
  if (fill.step) value = Math.round(value / fill.step) * fill.step;
  if (fill.scale !== undefined) value = round(value, fill.scale);
  return value;
}

function fillNear(fill: Extract<FillSpec, { near: unknown }>, env: FillEnv): number | undefined {
  let base: unknown = fill.near;
  if (typeof base === 'string') base = listValue(base.replace(/^@/, ''), env, `${env.pointer}/near`);
  if (base === undefined) return undefined;
  if (typeof base !== 'number') throw specError(`${env.pointer}/near`, 'must resolve to a number');
  const value = base + env.rng.float(-fill.spread, fill.spread);
  return fill.scale !== undefined ? round(value, fill.scale) : value;
}

function fillDays(field: FieldDefinition, fill: Extract<FillSpec, { days: Range }>, env: FillEnv): string | undefined {
  if (field.type !== 'date' && field.type !== 'datetime') throw specError(env.pointer, 'days fills only date and datetime fields');
  let base: Date | string = env.now;
  if (fill.from !== undefined) {
    const found = env.resolve(fill.from).value;
    if (found === undefined || found === null) return undefined;
    if (typeof found !== 'string') throw specError(`${env.pointer}/from`, `${fill.from} is not a date`);
    base = found;
  }
  const offset = env.rng.int(fill.days[0], fill.days[1]);
  if (field.type === 'date') {
    const result = typeof base === 'string' && isCalendarDate(base)
      ? addDaysToDate(base, offset)
      : localDate(addDays(toInstant(base, env), offset), env.zone);
    const today = localDate(env.now, env.zone);
    return fill.past && result > today ? today : result;
  }
  const day = startOfInZone(addDays(middayOf(base, env), offset), 'day', env.zone);
  const [fromHour, toHour] = fill.hours ?? [8, 20];
  let instant = addInZone(day, env.rng.int(fromHour * 60, Math.max(fromHour * 60, toHour * 60 - 1)), 'minute', env.zone);
  if (fill.past && instant > env.now) instant = new Date(env.now.getTime() - env.rng.int(1, 180) * 60_000);
  return instant.toISOString();
}

/** A date written `YYYY-MM-DD` plus whole days, as a date. */
export function addDaysToDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function toInstant(value: Date | string, env: FillEnv): Date {
  if (value instanceof Date) return value;
  const normalized = normalizeInstant(value);
  if (!normalized) throw specError(`${env.pointer}/from`, `does not lead to a date or date-time (${value})`);
  return new Date(normalized);
}

/** An instant inside the local day a value denotes (a date's noon in UTC falls on that day in most zones). */
function middayOf(value: Date | string, env: FillEnv): Date {
  if (typeof value === 'string' && isCalendarDate(value)) return new Date(`${value}T12:00:00.000Z`);
  return toInstant(value, env);
}

/**
 * Renders a template string:
 * - `{@list}` a random item of `lists.list`; `{@list[path]}` of the map entry named by the value at `path`;
 * - `{path}` the value at a path (`{city}`, `{hotel.name}`); `{path:zh}` / `{path:en}` a select's option label;
 * - `{n}` the record's 1-based position among its object's records;
 * - `#` a random digit.
 */
export function renderTemplate(template: string, env: FillEnv): string {
  return template.replace(/\{([^{}]+)\}|#/g, (match, token: string | undefined) => {
    if (match === '#') return String(env.rng.int(0, 9));
    const t = token!.trim();
    if (t === 'n') return String(env.index);
    if (t.startsWith('@')) {
      const value = listValue(t.slice(1), env, env.pointer);
      return value === undefined ? '' : String(value);
    }
    const [path, lang] = t.split(':') as [string, string | undefined];
    const found = env.resolve(path);
    if (found.value === undefined || found.value === null) return '';
    if (lang) return optionLabel(found, lang);
    return Array.isArray(found.value) ? found.value.join(', ') : String(found.value);
  });
}

function optionLabel(found: PathValue, lang: string): string {
  const value = String(found.value);
  const option = (found.field?.options ?? []).find((o: string | SelectOption) => (typeof o === 'string' ? o : o.value) === value);
  if (!option || typeof option === 'string') return value;
  return labelText(option.label, lang, value);
}

/** `name` → a random item of a list; `name[path]` → the entry of a map list named by the value at `path`. */
function listValue(ref: string, env: FillEnv, pointer: string): string | number | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_-]*)(?:\[([^\]]+)\])?$/.exec(ref);
  if (!match) throw specError(pointer, `"${ref}" is not a list reference (name or name[path])`);
  const [, name, path] = match;
  const list = env.spec.lists?.[name!];
  if (list === undefined) throw specError(pointer, `refers to a list that does not exist (${name})`);
  let entry: unknown = list;
  if (path !== undefined) {
    if (Array.isArray(list)) throw specError(pointer, `list ${name} is not a map; use {@${name}}`);
    const key = env.resolve(path).value;
    if (key === undefined || key === null) return undefined;
    entry = (list as Record<string, unknown>)[String(key)];
    if (entry === undefined) throw specError(pointer, `list ${name} has no entry for ${String(key)}`);
  } else if (!Array.isArray(list)) {
    throw specError(pointer, `list ${name} is a map; use {@${name}[field]}`);
  }
  if (Array.isArray(entry)) return entry.length === 0 ? undefined : (env.rng.pick(entry) as string);
  if (typeof entry === 'string' || typeof entry === 'number') return entry;
  throw specError(pointer, `list ${name} holds something other than strings and numbers`);
}

function personName(env: FillEnv, zhShare: number): string {
  const names = env.spec.names;
  const zh = env.rng.chance(zhShare);
  if (zh) {
    if (!names?.zh) throw specError(env.pointer, 'needs names.zh in the spec');
    return env.rng.pick(names.zh.surnames) + env.rng.pick(names.zh.given);
  }
  if (!names?.en) throw specError(env.pointer, 'needs names.en in the spec');
  return `${env.rng.pick(names.en.first)} ${env.rng.pick(names.en.last)}`;
}

function round(value: number, scale: number): number {
  return Number(value.toFixed(scale));
}

/**
 * Checks a raw value against the field's type and makes it a stored value: numbers clamped
 * to the field's bounds and rounded to its scale, strings cut to its maximum length, instants
 * normalised. Throws a spec error for a value the type cannot hold.
 */
export function finishValue(field: FieldDefinition, raw: unknown, env: FillEnv, isRef: (ref: unknown, target: string) => boolean): SampleValue {
  const fail = (what: string) => specError(env.pointer, `gives ${JSON.stringify(raw)}, which is not ${what}`);
  switch (field.type) {
    case 'text': case 'textarea': case 'email': case 'phone': case 'url': {
      if (typeof raw !== 'string' && typeof raw !== 'number') throw fail('a string');
      return [...String(raw)].slice(0, field.maxLength ?? defaultMaxLength[field.type] ?? 255).join('').trim();
    }
    case 'integer':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw fail('a number');
      return clamp(Math.round(raw), field);
    case 'decimal': case 'currency': case 'percent': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw fail('a number');
      const scale = field.scale ?? (field.type === 'decimal' ? 6 : 2);
      const bounded = field.type === 'percent' ? Math.min(100, Math.max(0, raw)) : raw;
      return clamp(round(bounded, scale), field);
    }
    case 'boolean':
      if (typeof raw !== 'boolean') throw fail('true or false');
      return raw;
    case 'date':
      if (typeof raw !== 'string' || !isCalendarDate(raw)) throw fail('a date (YYYY-MM-DD)');
      return raw;
    case 'datetime': {
      const instant = normalizeInstant(raw);
      if (!instant) throw fail('an ISO 8601 date-time');
      return instant;
    }
    case 'select':
      if (typeof raw !== 'string' || !optionValues(field).includes(raw)) throw fail(`an option (${optionValues(field).join(', ')})`);
      return raw;
    case 'multiselect': {
      const list = Array.isArray(raw) ? raw : [raw];
      const options = optionValues(field);
      if (!list.every((v): v is string => typeof v === 'string' && options.includes(v))) throw fail(`a list of options (${options.join(', ')})`);
      return [...new Set(list)];
    }
    case 'stage':
      if (typeof raw !== 'string' || !(env.stageKeys ?? []).includes(raw)) throw fail(`a stage (${(env.stageKeys ?? []).join(', ')})`);
      return raw;
    case 'lookup':
      if (!isRef(raw, field.object ?? '')) throw fail(`a reference to a generated ${field.object}`);
      return raw as SampleValue;
    case 'autonumber':
      throw specError(env.pointer, 'is an autonumber, which the engine assigns; remove its fill');
  }
}

function clamp(value: number, field: FieldDefinition): number {
  let v = value;
  if (field.min !== undefined && v < field.min) v = field.min;
  if (field.max !== undefined && v > field.max) v = field.max;
  return v;
}
