import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.ts';
import { findUserForLogin, getUser, insertUser, listUsers, updateUser } from './users.ts';

/**
 * Tenant isolation twice over (quality.md): row-level security confines every tenant
 * transaction, and every query of users also names its tenant. Here the queries run in a platform
 * transaction, where no row-level security applies (checked first), so only their own tenant
 * predicate keeps one tenant's people from another's.
 */
describeEachDatabase('users are read and changed within their tenant, also without row-level security', (db) => {
  it('finds, lists, logs in and changes only the tenant’s own people', async () => {
    const { storage } = db();
    const [a, b] = [randomUUID(), randomUUID()];
    await storage.db.insertInto('tenants').values([
      { id: a, slug: `ua-${a.slice(0, 8)}`, name: 'A', live_version: null, time_zone: 'UTC' },
      { id: b, slug: `ub-${b.slice(0, 8)}`, name: 'B', live_version: null, time_zone: 'UTC' },
    ]).execute();
    // The same e-mail in both tenants (a person may work for two companies).
    const ann = await storage.inTenant(a, (tx) => insertUser(tx, a, { email: 'same@two.test', name: 'Ann of A', roles: ['bd'], password: 'password-of-a' }));
    const bob = await storage.inTenant(b, (tx) => insertUser(tx, b, { email: 'same@two.test', name: 'Bob of B', roles: ['bd'], password: 'password-of-b' }));

    await storage.inPlatform(async (tx) => {
      // No row-level security here: an unscoped query sees both tenants' people.
      const everyone = await tx.selectFrom('users').select('id').where('id', 'in', [ann.id, bob.id]).execute();
      expect(everyone).toHaveLength(2);

      expect(await getUser(tx, a, bob.id)).toBeUndefined();
      expect((await getUser(tx, a, ann.id))?.name).toBe('Ann of A');
      expect((await findUserForLogin(tx, a, 'same@two.test'))?.id).toBe(ann.id);
      expect((await findUserForLogin(tx, b, 'SAME@two.test'))?.id).toBe(bob.id);
      const listed = await listUsers(tx, a, { limit: 100, search: 'of' });
      expect(listed.map((u) => u.id)).toEqual([ann.id]);
      // A cursor naming another tenant's person pages nothing of theirs either.
      expect((await listUsers(tx, a, { limit: 100, after: bob.id })).map((u) => u.id)).not.toContain(bob.id);
      await expect(updateUser(tx, a, bob.id, { name: 'renamed from A' })).rejects.toMatchObject({ code: 'not_found' });
      // Nor can A's person be given B's person as manager.
      await expect(updateUser(tx, a, ann.id, { managerId: bob.id })).rejects.toMatchObject({ code: 'validation_failed' });
      expect((await getUser(tx, b, bob.id))?.name).toBe('Bob of B');
      expect((await getUser(tx, a, ann.id))?.managerId).toBeNull();
    });
  });
});
