const key = 'shoal.tenants';

/** Workspaces this browser signed in to, most recent first. */
export function recentTenants(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 6) : [];
  } catch {
    return [];
  }
}

export function rememberTenant(slug: string): void {
  localStorage.setItem(key, JSON.stringify([slug, ...recentTenants().filter((s) => s !== slug)].slice(0, 6)));
}
