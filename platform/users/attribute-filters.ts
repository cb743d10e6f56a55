import { ShoalError } from '../errors.ts';
import { leavesOf, type FilterNode, type LeafNode } from '../filter/filter-ast.ts';
import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import type { RecordContext } from '../records/record-context.ts';

/**
 * Users' attributes are for administrators (`/records/user` shows them to no one else): for
 * anyone else, a condition on one (`attributes.team`, `managerId.attributes.team`,
 * `owner.attributes.level`) that `allowed` does not let through is a 400 `invalid_filter` with
 * each one's pointer. Text that merely mentions "attributes." is no such condition.
 */
export function refuseAttributeConditions(ctx: RecordContext, node: FilterNode, message: string, allowed: (leaf: LeafNode, attribute: string) => boolean = () => false): void {
  if (ctx.policy.isAdmin) return;
  const refused = leavesOf(node).filter((leaf) => 'jsonColumn' in leaf.field.storage && leaf.field.storage.jsonColumn === 'attributes'
    && !allowed(leaf, leaf.field.storage.key));
  if (refused.length === 0) return;
  throw new ShoalError('invalid_filter', message, {
    errors: refused.map((leaf) => ({ path: leaf.pointer, message: `${leaf.path} can be filtered on by administrators only` })),
  });
}

const usedAttributes = new WeakMap<CompiledMetadata, Set<string>>();

/** The user attributes a tenant's document names anywhere (`attributes.team`, `$user.attributes.team`), once per version. */
export function attributesInMetadata(compiled: CompiledMetadata): Set<string> {
  let used = usedAttributes.get(compiled);
  if (!used) {
    used = new Set([...JSON.stringify(compiled.document).matchAll(/attributes\.([A-Za-z_][A-Za-z0-9_-]{0,63})/g)].map((m) => m[1]!));
    usedAttributes.set(compiled, used);
  }
  return used;
}
