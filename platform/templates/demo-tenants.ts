import type { Kernel } from '../kernel.ts';
import { loadTemplate } from './load-template.ts';

export interface DemoTenant {
  slug: string;
  name: string;
  logins: Array<{ email: string; roles: string[]; password: string }>;
  created: boolean;
}

const demos = [
  { slug: 'hotel', template: 'hotel', name: 'Hotel BD (demo)' },
  { slug: 'food-delivery', template: 'food-delivery', name: 'Food delivery (demo)' },
];

/**
 * Creates the demo tenants from their templates on first start (with sample data) and returns
 * their logins, which are the template's demo users (every start prints them).
 */
export async function ensureDemoTenants(kernel: Kernel): Promise<DemoTenant[]> {
  const result: DemoTenant[] = [];
  for (const demo of demos) {
    const { sampleData } = loadTemplate(demo.template);
    const admin = sampleData.users.find((u) => u.roles.includes('admin'));
    if (!admin) throw new Error(`Template ${demo.template} has no demo admin user`);
    let created = false;
    if (!(await kernel.tenants.bySlugFresh(demo.slug))) {
      await kernel.tenantService.create({
        slug: demo.slug, name: demo.name, template: demo.template, sampleData: true,
        admin: { email: admin.email, password: admin.password ?? sampleData.password, name: admin.name },
      });
      created = true;
    }
    result.push({
      slug: demo.slug, name: demo.name, created,
      logins: sampleData.users.map((u) => ({ email: u.email, roles: u.roles, password: u.password ?? sampleData.password })),
    });
  }
  return result;
}
