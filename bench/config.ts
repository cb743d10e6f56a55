/** Shared settings of the benchmark harness. */
export const benchDatabaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/shoal_bench';

/** Bump when the generator, the bench document or the record indexes change: a loaded database with another version is reloaded. */
export const dataVersion = 2;
export const seed = Number(process.env.BENCH_SEED ?? 20261204);

export const operatorToken = 'bench-operator-token';
export const password = 'bench-password-1';

/** The data set of quality.md. Small tenants t00..t09 with 100k leads each, one big tenant. */
export interface DataShape {
  smallTenants: number;
  smallLeads: number;
  bigLeads: number;
  /** Users of the big tenant: half in team east, half in team west. */
  bigUsers: number;
  /** BD users of each small tenant (the claim storm's 50 users live in t00). */
  smallUsers: number;
  visits: number;
  residentTenants: number;
}

export const fullShape: DataShape = {
  smallTenants: 10,
  smallLeads: 100_000,
  bigLeads: 1_000_000,
  bigUsers: 2_000,
  smallUsers: 50,
  visits: 50_000,
  residentTenants: 1_000,
};

export const bigSlug = 'big';
export const smallSlug = (i: number) => `t${String(i).padStart(2, '0')}`;
export const residentSlug = (i: number) => `res${String(i).padStart(4, '0')}`;
export const cities = ['beijing', 'shanghai', 'guangzhou', 'shenzhen', 'hangzhou', 'nanjing', 'suzhou', 'chengdu', 'wuhan', 'xian'] as const;
export const stages = ['new', 'contacted', 'confirmed', 'negotiating', 'signed', 'lost'] as const;
export const segments = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;
export const sources = ['crawl', 'bd', 'merchant', 'crowd'] as const;

/** The filtered list of quality.md: stage, city, score ≥ …, by score descending. */
export const listFilter = { stage: 'new', city: 'shanghai', score: { $gte: 80 } } as const;
