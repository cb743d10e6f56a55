import { ShoalError } from '../errors.ts';
import { evaluateFilter, type Row } from '../filter/evaluate-filter.ts';
import type { FilterNode } from '../filter/filter-ast.ts';
import { userScope, type FilterScope } from '../filter/filter-fields.ts';
import { parseFilter } from '../filter/parse-filter.ts';
import { buildObjectModels, type ObjectModel } from '../metadata/object-model.ts';
import type { FieldDefinition, FilterJson, MetadataDocument, PoolDefinition, StageDefinition } from '../metadata/metadata-types.ts';
import { createAjv, toProblemItems } from '../validation/ajv.ts';
import { addDays, localDate } from '../time/zoned-time.ts';
import { finishValue, rawFill, specError, type FillEnv, type PathValue } from './fill-value.ts';
import { PoolPlanner, workingTimeOn, type PoolDecision } from './pool-plan.ts';
import { Random } from './random.ts';
import { sampleDataSpecSchema } from './sample-data-schema.ts';
import { stageRequirements } from '../pipelines/stage-requirements.ts';
import type {
  EachSpec, FillSpec, GenerateOptions, ObjectSpec, RecordRef, SampleData, SampleDataSpec, SampleRecord, SampleUser, SampleValue,
} from './sample-data-types.ts';

export type * from './sample-data-types.ts';

const validateSpec = createAjv().compile(sampleDataSpecSchema);

/** Extra keys a path may name on a referenced record besides its fields. */
const metaKeys = new Set(['createdAt', 'claimedAt', 'lastVisitAt', 'stage']);
const uniqueAttempts = 25;

/**
 * Generates the sample data a template's spec describes, for the template's metadata
 * document: demo users, then records object by object in spec order, each value valid for
 * its field's type. Pooled records are claimed, visited and aged so the pool's release rules
 * hold (see `PoolPlanner`); won stages get the conversions the spec asks for (`each`).
 * Deterministic: the same spec, document, seed and `now` give the same output.
 *
 * Throws a `validation_failed` ShoalError naming the spec's problem (with its JSON pointer)
 * when the spec does not fit the document.
 *
 * @example
 * const { document, sampleData } = loadTemplate('hotel');
 * const data = generateSampleData(sampleData, document, { seed: 42, now: '2026-11-01T00:00:00.000Z' });
 * data.records.filter((r) => r.object === 'lead' && r.ownerKey); // claimed leads
 */
export function generateSampleData(spec: SampleDataSpec, document: MetadataDocument, options: GenerateOptions = {}): SampleData {
  if (!validateSpec(spec)) {
    throw new ShoalError('validation_failed', 'The sample-data spec is not valid', { errors: toProblemItems(validateSpec.errors) });
  }
  const seed = (options.seed ?? spec.seed ?? 1) >>> 0;
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) throw new ShoalError('bad_request', `now is not a date (${String(options.now)})`);
  const generator = new Generator(spec, document, seed, now);
  return generator.run();
}

interface Draft {
  record: SampleRecord;
  createdDaysAgo: number;
}

interface VisitPlan {
  parentKey: string;
  pool: string;
  at: Date;
  ownerKey: string;
}

class Generator {
  readonly #models: Map<string, ObjectModel>;
  readonly #zone: string;
  readonly #users: SampleUser[] = [];
  readonly #userRows = new Map<string, Row>();
  readonly #records: SampleRecord[] = [];
  readonly #byKey = new Map<string, Draft>();
  readonly #byObject = new Map<string, Draft[]>();
  readonly #usedRefs = new Set<string>();
  readonly #unique = new Map<string, Set<string>>();
  readonly #visitPlans = new Map<string, VisitPlan[]>();
  readonly #planners = new Map<string, PoolPlanner>();

  constructor(
    private readonly spec: SampleDataSpec,
    private readonly document: MetadataDocument,
    private readonly seed: number,
    private readonly now: Date,
  ) {
    this.#models = buildObjectModels(document);
    this.#zone = document.timeZone ?? 'UTC';
  }

  run(): SampleData {
    this.#buildUsers();
    for (const [objectKey, objectSpec] of Object.entries(this.spec.objects)) this.#generateObject(objectKey, objectSpec);
    for (const [parent, plans] of this.#visitPlans) {
      if (plans.length > 0) throw specError(`/objects/${parent}/pool`, `schedules visits, but no object has visitsOf: ${parent}`);
    }
    return { seed: this.seed, now: this.now.toISOString(), users: this.#users, records: this.#records };
  }

  // -- users ----------------------------------------------------------------------------------

  #buildUsers(): void {
    const emails = new Set<string>();
    this.spec.users.forEach((u, i) => {
      const at = `/users/${i}`;
      if (this.#userRows.has(u.key)) throw specError(`${at}/key`, `repeats the user ${u.key}`);
      if (emails.has(u.email.toLowerCase())) throw specError(`${at}/email`, `repeats the e-mail ${u.email}`);
      emails.add(u.email.toLowerCase());
      u.roles.forEach((role, j) => {
        if (role !== 'admin' && !Object.hasOwn(this.document.roles ?? {}, role)) throw specError(`${at}/roles/${j}`, `is not a role of the document (${role})`);
      });
      const user: SampleUser = {
        key: u.key, email: u.email, name: u.name, password: u.password ?? this.spec.password,
        roles: [...u.roles], attributes: structuredClone(u.attributes ?? {}),
        ...(u.manager !== undefined ? { managerKey: u.manager } : {}),
      };
      this.#users.push(user);
      this.#userRows.set(u.key, { id: u.key, email: u.email, name: u.name, roles: user.roles, attributes: user.attributes, managerId: u.manager ?? null, active: true });
    });
    const managerOf = new Map(this.spec.users.map((u) => [u.key, u.manager]));
    this.spec.users.forEach((u, i) => {
      if (u.manager !== undefined && !this.#userRows.has(u.manager)) throw specError(`/users/${i}/manager`, `is not a user of the spec (${u.manager})`);
      // A chain of managers that leads back to the user would make them their own report.
      const chain = [u.key];
      for (let m = u.manager; m !== undefined && !chain.includes(m); m = managerOf.get(m)) chain.push(m);
      const last = managerOf.get(chain[chain.length - 1]!);
      if (last === u.key) throw specError(`/users/${i}/manager`, `would make a reporting cycle (${[...chain, u.key].join(' → ')})`);
    });
  }

  #usersMatching(filter: FilterJson, pointer: string): string[] {
    const node = this.#parse(filter, userScope(), pointer);
    return this.#users.filter((u) => this.#matches(node, this.#userRows.get(u.key)!)).map((u) => u.key);
  }

  // -- objects --------------------------------------------------------------------------------

  #generateObject(objectKey: string, objectSpec: ObjectSpec): void {
    const at = `/objects/${objectKey}`;
    const model = this.#models.get(objectKey);
    if (!model) throw specError(at, `is not an object of the document (${objectKey})`);
    if (this.#byObject.has(objectKey)) throw specError(at, 'is listed twice');
    this.#byObject.set(objectKey, []);
    const modes = [objectSpec.count !== undefined, objectSpec.each !== undefined, objectSpec.visitsOf !== undefined].filter(Boolean).length;
    if (modes !== 1) throw specError(at, 'needs exactly one of count, each, visitsOf');
    if (model.poolKeys.length > 0 && objectSpec.pool) this.#preparePlanners(model, objectSpec, at);
    const rng = Random.forStream(this.seed, objectKey);
    if (objectSpec.count !== undefined) {
      for (let i = 0; i < objectSpec.count; i++) this.#makeRecord(model, objectSpec, rng, {});
    } else if (objectSpec.each) {
      this.#generateChildren(model, objectSpec, objectSpec.each, rng, `${at}/each`);
    } else {
      this.#generateVisits(model, objectSpec, objectSpec.visitsOf!, rng, `${at}/visitsOf`);
    }
  }

  #generateChildren(model: ObjectModel, objectSpec: ObjectSpec, each: EachSpec, rng: Random, at: string): void {
    const parents = this.#byObject.get(each.object);
    if (!parents) throw specError(`${at}/object`, `${each.object} must be generated before ${model.key} (list it earlier)`);
    const link = model.definition.fields[each.field];
    if (!link || link.type !== 'lookup' || link.object !== each.object) throw specError(`${at}/field`, `${model.key}.${each.field} is not a lookup to ${each.object}`);
    const parentModel = this.#models.get(each.object)!;
    const where = each.where ? this.#parse(each.where, parentModel.scope, `${at}/where`) : undefined;
    const [min, max] = each.count ?? [1, 1];
    for (const parent of [...parents]) {
      if (where && !this.#matches(where, this.#row(parent.record))) continue;
      if (!rng.chance(each.fraction ?? 1)) continue;
      const n = rng.int(min, max);
      for (let i = 0; i < n; i++) {
        this.#makeRecord(model, objectSpec, rng, { [each.field]: { ref: parent.record.key } }, parent.createdDaysAgo);
      }
    }
  }

  #generateVisits(model: ObjectModel, objectSpec: ObjectSpec, parentObject: string, rng: Random, at: string): void {
    const plans = this.#visitPlans.get(parentObject);
    if (!plans) throw specError(at, `${parentObject} must be generated before ${model.key}, with a pool plan that visits`);
    const remaining: VisitPlan[] = [];
    for (const plan of plans) {
      const visit = this.document.pools?.[plan.pool]?.visit;
      if (!visit || visit.object !== model.key) {
        remaining.push(plan);
        continue;
      }
      const parent = this.#byKey.get(plan.parentKey)!;
      const days = Math.max(0, Math.floor((this.now.getTime() - plan.at.getTime()) / 86_400_000));
      const draft = this.#makeRecord(model, objectSpec, rng, { [visit.field]: { ref: plan.parentKey }, [visit.at]: this.#timeValue(model, visit.at, plan.at) }, days, {
        createdAt: plan.at, ownerKey: plan.ownerKey,
      });
      const parentRecord = parent.record;
      parentRecord.visitKeys = [...(parentRecord.visitKeys ?? []), draft.record.key];
      const atIso = plan.at.toISOString();
      if (!parentRecord.lastVisitAt || parentRecord.lastVisitAt < atIso) parentRecord.lastVisitAt = atIso;
    }
    this.#visitPlans.set(parentObject, remaining);
  }

  #timeValue(model: ObjectModel, field: string, at: Date): string {
    return model.definition.fields[field]?.type === 'date' ? localDate(at, this.#zone) : at.toISOString();
  }

  // -- one record -----------------------------------------------------------------------------

  #makeRecord(
    model: ObjectModel,
    objectSpec: ObjectSpec,
    rng: Random,
    preset: Record<string, SampleValue>,
    maxAge?: number,
    fixed?: { createdAt: Date; ownerKey?: string },
  ): Draft {
    const drafts = this.#byObject.get(model.key)!;
    const index = drafts.length + 1;
    const [minAge, maxAgeSpec] = objectSpec.createdDaysAgo ?? [0, 90];
    const createdDaysAgo = maxAge !== undefined && fixed ? maxAge : Math.min(rng.int(minAge, maxAgeSpec), maxAge ?? Infinity);
    const createdAt = fixed?.createdAt ?? this.#pastWorkingTime(createdDaysAgo, rng);
    const record: SampleRecord = { object: model.key, key: `${model.key}-${index}`, values: { ...preset }, createdAt: createdAt.toISOString() };
    const draft: Draft = { record, createdDaysAgo };
    this.#fillStage(model, objectSpec, record, rng);
    const required = this.#requiredFields(model, record.stage);
    for (const [fieldKey, fill] of Object.entries(objectSpec.fields)) {
      if (Object.hasOwn(record.values, fieldKey) || fieldKey === model.stageField?.key) continue;
      this.#fillField(model, fieldKey, fill, record, rng, index, required.has(fieldKey));
    }
    for (const fieldKey of required) {
      if (record.values[fieldKey] === undefined && model.definition.fields[fieldKey]?.default === undefined) {
        throw specError(`/objects/${model.key}/fields/${fieldKey}`, `is required${record.stage ? ` (in stage ${record.stage})` : ''} but its fill gave no value`);
      }
    }
    if (model.poolKeys.length > 0) this.#placeInPool(model, draft, createdAt, rng);
    else if (fixed?.ownerKey) record.ownerKey = fixed.ownerKey;
    else if (objectSpec.owner) this.#assignOwner(model, objectSpec, record, rng);
    drafts.push(draft);
    this.#byKey.set(record.key, draft);
    this.#records.push(record);
    return draft;
  }

  #fillStage(model: ObjectModel, objectSpec: ObjectSpec, record: SampleRecord, rng: Random): void {
    const stageField = model.stageField;
    if (!stageField) return;
    const fill = objectSpec.fields[stageField.key];
    if (fill) this.#fillField(model, stageField.key, fill, record, rng, 0, true);
    const stage = record.values[stageField.key] ?? stageField.definition?.default;
    if (typeof stage === 'string') {
      record.values[stageField.key] = stage;
      record.stage = stage;
    }
  }

  /** The object's required fields, plus what the stage needs (the `requires` of every stage up to it). */
  #requiredFields(model: ObjectModel, stage: string | undefined): Set<string> {
    const required = new Set(model.customFields.filter((f) => f.definition?.required && f.definition.type !== 'autonumber').map((f) => f.key));
    const pipeline = model.pipelineKey ? this.document.pipelines?.[model.pipelineKey] : undefined;
    if (stage !== undefined && pipeline) for (const f of stageRequirements(pipeline, stage)) if (model.definition.fields[f]) required.add(f);
    return required;
  }

  #stages(model: ObjectModel): StageDefinition[] {
    return model.pipelineKey ? this.document.pipelines?.[model.pipelineKey]?.stages ?? [] : [];
  }

  #fillField(model: ObjectModel, fieldKey: string, fill: FillSpec, record: SampleRecord, rng: Random, index: number, required: boolean): void {
    const pointer = `/objects/${model.key}/fields/${fieldKey}`;
    const field = model.definition.fields[fieldKey];
    if (!field) throw specError(pointer, `${model.key} has no field ${fieldKey}`);
    if (!required && fill.presence !== undefined && !rng.chance(fill.presence)) return;
    const env = this.#env(model, record, rng, index, pointer, field);
    for (let attempt = 0; attempt < uniqueAttempts; attempt++) {
      const raw = rawFill(field, fill, env);
      if (raw === undefined || raw === null || raw === '') return;
      let value = finishValue(field, raw, env, (ref, target) => this.#isRef(ref, target));
      if (value === '') return;
      if (field.unique) {
        const seen = this.#uniqueSet(model.key, fieldKey);
        const text = JSON.stringify(value);
        if (seen.has(text)) {
          if (attempt < uniqueAttempts - 1) continue;
          if (typeof value !== 'string') throw specError(pointer, 'cannot produce enough distinct values for a unique field');
          value = `${value} ${record.key.split('-').pop()}`;
        }
        seen.add(JSON.stringify(value));
      }
      record.values[fieldKey] = value;
      return;
    }
  }

  #uniqueSet(objectKey: string, fieldKey: string): Set<string> {
    const key = `${objectKey}.${fieldKey}`;
    let set = this.#unique.get(key);
    if (!set) this.#unique.set(key, (set = new Set()));
    return set;
  }

  #env(model: ObjectModel, record: SampleRecord, rng: Random, index: number, pointer: string, field: FieldDefinition): FillEnv {
    const stageKeys = field.type === 'stage' ? this.#stages(model).map((s) => s.key) : undefined;
    return {
      rng, now: this.now, zone: this.#zone, spec: this.spec, index, pointer,
      ...(stageKeys ? { stageKeys } : {}),
      resolve: (path) => this.#resolvePath(model, record, path, pointer),
      pickRef: (target, where, distinct) => this.#pickRef(target, where, distinct, rng, pointer),
    };
  }

  /** A field or meta key of this record, or (one hop) of the record one of its lookups points at. */
  #resolvePath(model: ObjectModel, record: SampleRecord, path: string, pointer: string): PathValue {
    const own = this.#readKey(model, record, path);
    if (own) return own;
    const dot = path.indexOf('.');
    const head = dot > 0 ? path.slice(0, dot) : path;
    const rest = dot > 0 ? path.slice(dot + 1) : '';
    const link = model.definition.fields[head];
    if (!link || !rest) throw specError(pointer, `refers to ${path}, which is not a field of ${model.key}`);
    if (link.type !== 'lookup' || !link.object) throw specError(pointer, `cannot follow ${head}: it is not a lookup`);
    const value = record.values[head];
    if (link.object === 'user') {
      const userKey = value && typeof value === 'object' && 'userRef' in value ? value.userRef : undefined;
      const row = userKey ? this.#userRows.get(userKey) : undefined;
      return { value: row ? (rest.startsWith('attributes.') ? (row.attributes as Record<string, unknown>)[rest.slice(11)] : row[rest]) : undefined };
    }
    const targetModel = this.#models.get(link.object);
    const unknownField = targetModel && !targetModel.definition.fields[rest] && !metaKeys.has(rest);
    if (!targetModel || unknownField) throw specError(pointer, `refers to ${path}, but ${link.object} has no field ${rest}`);
    const target = isRecordRef(value) ? this.#byKey.get(value.ref)?.record : undefined;
    return target ? this.#readKey(targetModel, target, rest) ?? { value: undefined } : { value: undefined, field: targetModel.definition.fields[rest] };
  }

  #readKey(model: ObjectModel, record: SampleRecord, key: string): PathValue | undefined {
    const field = model.definition.fields[key];
    if (field) return { value: record.values[key], field };
    if (metaKeys.has(key)) return { value: (record as unknown as Record<string, unknown>)[key] };
    return undefined;
  }

  #pickRef(target: string, where: FilterJson | undefined, distinct: boolean, rng: Random, pointer: string): SampleValue | undefined {
    if (target === 'user') {
      const keys = where ? this.#usersMatching(where, `${pointer}/ref/where`) : this.#users.map((u) => u.key);
      return keys.length > 0 ? { userRef: rng.pick(keys) } : undefined;
    }
    const drafts = this.#byObject.get(target);
    if (!drafts) throw specError(pointer, `refers to ${target}, which must be generated earlier (list it before)`);
    const node = where ? this.#parse(where, this.#models.get(target)!.scope, `${pointer}/ref/where`) : undefined;
    const candidates = drafts.filter((d) => (!node || this.#matches(node, this.#row(d.record))) && (!distinct || !this.#usedRefs.has(`${pointer}|${d.record.key}`)));
    if (candidates.length === 0) {
      if (distinct) throw specError(pointer, `has run out of distinct ${target} records to refer to`);
      return undefined;
    }
    const chosen = rng.pick(candidates).record.key;
    if (distinct) this.#usedRefs.add(`${pointer}|${chosen}`);
    return { ref: chosen };
  }

  #isRef(value: unknown, target: string): boolean {
    if (target === 'user') return typeof value === 'object' && value !== null && 'userRef' in value && this.#userRows.has(String(value.userRef));
    return isRecordRef(value) && this.#byKey.get(value.ref)?.record.object === target;
  }

  // -- owners and pools -----------------------------------------------------------------------

  #assignOwner(model: ObjectModel, objectSpec: ObjectSpec, record: SampleRecord, rng: Random): void {
    const owner = objectSpec.owner!;
    const at = `/objects/${model.key}/owner`;
    if ('users' in owner) {
      const keys = this.#usersMatching(owner.users, `${at}/users`);
      if (keys.length > 0) record.ownerKey = rng.pick(keys);
      return;
    }
    const link = model.definition.fields[owner.from];
    if (!link || link.type !== 'lookup') throw specError(`${at}/from`, `${owner.from} is not a lookup of ${model.key}`);
    const value = record.values[owner.from];
    const ownerKey = isRecordRef(value) ? this.#byKey.get(value.ref)?.record.ownerKey : undefined;
    if (ownerKey) record.ownerKey = ownerKey;
  }

  #preparePlanners(model: ObjectModel, objectSpec: ObjectSpec, at: string): void {
    const plan = objectSpec.pool!;
    const owners = this.#usersMatching(plan.owners, `${at}/pool/owners`);
    for (const poolKey of model.poolKeys) {
      const pool = this.document.pools![poolKey]!;
      const members = pool.members ? new Set(this.#usersMatching(pool.members, `${at}/pool/owners`)) : undefined;
      const eligible = owners.filter((o) => !members || members.has(o));
      if (eligible.length === 0) throw specError(`${at}/pool/owners`, `no user may hold records of pool ${poolKey} (owners ∩ members is empty)`);
      this.#planners.set(poolKey, new PoolPlanner(pool, plan, eligible, this.now, this.#zone));
    }
  }

  #placeInPool(model: ObjectModel, draft: Draft, createdAt: Date, rng: Random): void {
    const record = draft.record;
    const row = this.#row(record);
    const poolKey = model.poolKeys.find((k) => {
      const where = this.document.pools![k]!.where;
      return !where || this.#matches(this.#parse(where, model.scope, `/pools/${k}/where`), row);
    });
    if (!poolKey) return;
    const pool: PoolDefinition = this.document.pools![poolKey]!;
    record.pool = poolKey;
    const planner = this.#planners.get(poolKey);
    if (!planner) {
      record.poolState = 'public';
      return;
    }
    const exempt = pool.exempt ? this.#matches(this.#parse(pool.exempt, model.scope, `/pools/${poolKey}/exempt`), row) : false;
    const won = this.#stages(model).find((s) => s.key === record.stage)?.kind === 'won';
    const decision: PoolDecision = planner.decide({ stage: record.stage, won, exempt, createdAt, createdDaysAgo: draft.createdDaysAgo }, rng);
    record.poolState = decision.poolState;
    if (decision.ownerKey) record.ownerKey = decision.ownerKey;
    if (decision.claimedAt) record.claimedAt = decision.claimedAt.toISOString();
    if (decision.claimedDaysAgo !== undefined) record.claimedDaysAgo = decision.claimedDaysAgo;
    if (decision.visits.length > 0) {
      const plans = this.#visitPlans.get(model.key) ?? [];
      for (const v of decision.visits) plans.push({ parentKey: record.key, pool: poolKey, at: v.at, ownerKey: v.ownerKey });
      this.#visitPlans.set(model.key, plans);
    }
  }

  // -- filters --------------------------------------------------------------------------------

  readonly #parsed = new Map<string, FilterNode>();

  #parse(filter: FilterJson, scope: FilterScope, pointer: string): FilterNode {
    const cacheKey = `${scope.name}|${JSON.stringify(filter)}`;
    const cached = this.#parsed.get(cacheKey);
    if (cached) return cached;
    const { node, errors } = parseFilter(filter, scope, { basePointer: pointer, allowVariables: false });
    if (errors.length > 0) {
      throw new ShoalError('validation_failed', `The sample-data spec is not valid: ${errors[0]!.path} ${errors[0]!.message}`, { errors });
    }
    this.#parsed.set(cacheKey, node);
    return node;
  }

  #matches(node: FilterNode, row: Row): boolean {
    return evaluateFilter(node, row, {
      now: this.now,
      timeZone: this.#zone,
      resolve: (target, id) => this.#resolveRow(target, id),
    });
  }

  /** The row a lookup points at, for filters that follow one (`hotel.city`, `owner.attributes.team`). */
  #resolveRow(target: string, id: string): Row | undefined {
    if (target === 'user') return this.#userRows.get(id);
    const draft = this.#byKey.get(id);
    return draft && draft.record.object === target ? this.#row(draft.record) : undefined;
  }

  /** A record as the filter evaluator reads it: references as record keys, system fields alongside. */
  #row(record: SampleRecord): Row {
    const row: Row = {};
    for (const [key, value] of Object.entries(record.values)) {
      row[key] = isRecordRef(value) ? value.ref : value && typeof value === 'object' && 'userRef' in value ? value.userRef : value;
    }
    return {
      ...row, createdAt: record.createdAt, owner: record.ownerKey, poolState: record.poolState,
      claimedAt: record.claimedAt, lastVisitAt: record.lastVisitAt,
    };
  }

  /** A local working time on the day `days` days ago, never after now. */
  #pastWorkingTime(days: number, rng: Random): Date {
    const at = workingTimeOn(addDays(this.now, -days), rng, this.#zone);
    return at <= this.now ? at : new Date(this.now.getTime() - rng.int(1, 180) * 60_000);
  }
}

function isRecordRef(value: unknown): value is RecordRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as RecordRef).ref === 'string';
}
