import { timingSafeEqual } from 'node:crypto';
import type { Storage } from '../storage/storage.ts';
import { hashSecret, newSecret } from './tokens.ts';

const secretName = 'admin_token';

/**
 * The platform operator's bearer token. From `SHOAL_ADMIN_TOKEN` when set; otherwise generated
 * on first start and returned once (to be printed), and only its hash is kept.
 */
export class AdminToken {
  #hash = '';

  /** Returns the newly generated token when one was created, for printing once. */
  async initialise(storage: Storage, fromEnvironment: string | undefined): Promise<string | undefined> {
    if (fromEnvironment) {
      this.#hash = hashSecret(fromEnvironment);
      await storage.db.insertInto('platform_secrets').values({ name: secretName, value_hash: this.#hash })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value_hash: this.#hash })).execute();
      return undefined;
    }
    const stored = await storage.db.selectFrom('platform_secrets').select('value_hash').where('name', '=', secretName).executeTakeFirst();
    if (stored) {
      this.#hash = stored.value_hash;
      return undefined;
    }
    const token = newSecret('sha_');
    this.#hash = hashSecret(token);
    const inserted = await storage.db.insertInto('platform_secrets').values({ name: secretName, value_hash: this.#hash })
      .onConflict((oc) => oc.column('name').doNothing()).returning('name').executeTakeFirst();
    if (inserted) return token;
    // Another process generated one at the same moment: use theirs.
    const winner = await storage.db.selectFrom('platform_secrets').select('value_hash').where('name', '=', secretName).executeTakeFirstOrThrow();
    this.#hash = winner.value_hash;
    return undefined;
  }

  verify(candidate: string): boolean {
    if (!this.#hash) return false;
    const a = Buffer.from(hashSecret(candidate));
    const b = Buffer.from(this.#hash);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
