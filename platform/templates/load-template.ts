import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ShoalError } from '../errors.ts';
import type { MetadataDocument } from '../metadata/metadata-types.ts';
import type { SampleDataSpec } from './sample-data-types.ts';

/** A vertical template as shipped under `tenants/<name>/`. */
export interface Template {
  name: string;
  /** The metadata document (`metadata.yaml`), as written (not validated here). */
  document: MetadataDocument;
  /** The sample-data spec (`sample-data.yaml`); feed it to `generateSampleData`. */
  sampleData: SampleDataSpec;
}

const namePattern = /^[a-z][a-z0-9-]{1,39}$/;

/** `tenants/` of the repository this module lives in. */
export const templatesRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tenants');

/**
 * Reads a vertical template: `tenants/<name>/metadata.yaml` and `sample-data.yaml`.
 * Throws `bad_request` for a name that is not a template name (`^[a-z][a-z0-9-]{1,39}$`) and
 * `not_found` when there is no such template.
 *
 * @example
 * const { document, sampleData } = loadTemplate('hotel');
 */
export function loadTemplate(name: string): Template {
  const dir = templateDir(name);
  return {
    name,
    document: readYaml(join(dir, 'metadata.yaml'), name) as MetadataDocument,
    sampleData: readYaml(join(dir, 'sample-data.yaml'), name) as SampleDataSpec,
  };
}

/** Names of the templates under `tenants/` (directories holding a `metadata.yaml`), sorted. */
export function listTemplates(): string[] {
  if (!existsSync(templatesRoot)) return [];
  return readdirSync(templatesRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory() && namePattern.test(e.name) && existsSync(join(templatesRoot, e.name, 'metadata.yaml')))
    .map((e) => e.name)
    .sort();
}

function templateDir(name: string): string {
  if (typeof name !== 'string' || !namePattern.test(name)) {
    throw new ShoalError('bad_request', `"${String(name)}" is not a template name (lower-case letters, digits and dashes)`);
  }
  const dir = join(templatesRoot, name);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ShoalError('not_found', `Template ${name} was not found`);
  return dir;
}

function readYaml(path: string, template: string): unknown {
  if (!existsSync(path)) throw new ShoalError('not_found', `Template ${template} has no ${path.split(/[\\/]/).pop()}`);
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ShoalError('validation_failed', `Template ${template}: ${path.split(/[\\/]/).pop()} is not valid YAML (${(error as Error).message})`, { cause: error });
  }
}
