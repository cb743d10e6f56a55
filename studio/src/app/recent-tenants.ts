const key = 'shoal.studio.tenants';

/** Tenants this browser signed in to, most recent first (the studio cannot list tenants itself). */
export function recentTenants(): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberTenant(tenant: string): void {
  localStorage.setItem(key, JSON.stringify([tenant, ...recentTenants().filter((t) => t !== tenant)].slice(0, 8)));
}
