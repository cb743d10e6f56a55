/**
 * The app's addresses, all under `/app/`: a tenant picker at the root, then one tenant's
 * screens under `/app/{tenant}/…`. Parsing and building live together so they cannot drift.
 */
export type AppRoute =
  | { name: 'picker' }
  | { name: 'login'; tenant: string }
  | { name: 'home'; tenant: string }
  | { name: 'list'; tenant: string; object: string }
  | { name: 'new'; tenant: string; object: string }
  | { name: 'record'; tenant: string; object: string; id: string }
  | { name: 'publicPool'; tenant: string; pool: string }
  | { name: 'myPool'; tenant: string; pool: string }
  | { name: 'workOrders'; tenant: string }
  | { name: 'notifications'; tenant: string }
  | { name: 'dashboards'; tenant: string }
  | { name: 'assignmentRules'; tenant: string }
  | { name: 'notFound'; tenant?: string };

export const appBase = '/app';
export const tenantSlugPattern = /^[a-z][a-z0-9-]{1,39}$/;
const keyPattern = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

export function parseAppPath(address: string): AppRoute {
  const pathname = address.split(/[?#]/, 1)[0] ?? '';
  if (pathname !== appBase && !pathname.startsWith(`${appBase}/`)) return { name: 'notFound' };
  const parts = pathname.slice(appBase.length).split('/').filter(Boolean).map(safeDecode);
  const [tenant, section, a, b, ...rest] = parts;
  if (tenant === undefined) return { name: 'picker' };
  if (!tenantSlugPattern.test(tenant)) return { name: 'notFound' };
  if (rest.length > 0) return { name: 'notFound', tenant };
  switch (section) {
    case undefined: return { name: 'home', tenant };
    case 'login': return a === undefined ? { name: 'login', tenant } : { name: 'notFound', tenant };
    case 'work-orders': return a === undefined ? { name: 'workOrders', tenant } : { name: 'notFound', tenant };
    case 'notifications': return a === undefined ? { name: 'notifications', tenant } : { name: 'notFound', tenant };
    case 'dashboards': return a === undefined ? { name: 'dashboards', tenant } : { name: 'notFound', tenant };
    case 'assignment-rules': return a === undefined ? { name: 'assignmentRules', tenant } : { name: 'notFound', tenant };
    case 'o':
      if (!a || !keyPattern.test(a)) return { name: 'notFound', tenant };
      if (b === undefined) return { name: 'list', tenant, object: a };
      if (b === 'new') return { name: 'new', tenant, object: a };
      return { name: 'record', tenant, object: a, id: b };
    case 'pools':
      if (!a || !keyPattern.test(a)) return { name: 'notFound', tenant };
      if (b === 'public') return { name: 'publicPool', tenant, pool: a };
      if (b === 'mine') return { name: 'myPool', tenant, pool: a };
      return { name: 'notFound', tenant };
    default:
      return { name: 'notFound', tenant };
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const seg = encodeURIComponent;

/** Builds the addresses `parseAppPath` reads. */
export const paths = {
  picker: () => `${appBase}/`,
  home: (t: string) => `${appBase}/${seg(t)}/`,
  login: (t: string, next?: string) => `${appBase}/${seg(t)}/login${next ? `?next=${seg(next)}` : ''}`,
  /** A list by a view, narrowed by `where` (a dashboard's figure opens the records it counts). */
  list: (t: string, object: string, view?: string, where?: object) => {
    const query = new URLSearchParams({ ...(view ? { view } : {}), ...(where ? { where: JSON.stringify(where) } : {}) }).toString();
    return `${appBase}/${seg(t)}/o/${seg(object)}${query ? `?${query}` : ''}`;
  },
  /** A list showing the results of an import job (`?import=`: the notification of its end leads there). */
  importResults: (t: string, object: string, job: string) => `${appBase}/${seg(t)}/o/${seg(object)}?import=${seg(job)}`,
  /** The create form; `from` (a record's page it was opened from) is where a created record returns to. */
  create: (t: string, object: string, prefill?: Record<string, string>, from?: { object: string; id: string }) => {
    const query = new URLSearchParams({ ...prefill, ...(from ? { from: `${from.object}/${from.id}` } : {}) }).toString();
    return `${appBase}/${seg(t)}/o/${seg(object)}/new${query ? `?${query}` : ''}`;
  },
  record: (t: string, object: string, id: string) => `${appBase}/${seg(t)}/o/${seg(object)}/${seg(id)}`,
  publicPool: (t: string, pool: string) => `${appBase}/${seg(t)}/pools/${seg(pool)}/public`,
  myPool: (t: string, pool: string) => `${appBase}/${seg(t)}/pools/${seg(pool)}/mine`,
  workOrders: (t: string) => `${appBase}/${seg(t)}/work-orders`,
  notifications: (t: string) => `${appBase}/${seg(t)}/notifications`,
  dashboards: (t: string) => `${appBase}/${seg(t)}/dashboards`,
  assignmentRules: (t: string) => `${appBase}/${seg(t)}/assignment-rules`,
};

/** Only same-app paths may be a `?next=` target after login (no open redirects). */
export function safeNext(next: string | null, tenant: string): string {
  if (next && next.startsWith(`${appBase}/${tenant}/`) && !next.startsWith('//') && !next.includes('\\')) return next;
  return paths.home(tenant);
}
