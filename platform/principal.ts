/** A user as every part of the kernel sees them (never with a password hash). */
export interface UserInfo {
  id: string;
  email: string;
  name: string;
  roles: string[];
  attributes: Record<string, unknown>;
  managerId: string | null;
  active: boolean;
}

/** Who is making a request, within which tenant, acting with which roles. */
export interface Principal {
  tenantId: string;
  user: UserInfo;
  /** The roles in effect: the user's, narrowed by an API key's roles when a key is used. */
  roles: string[];
  via: 'session' | 'api_key';
  /** Session token hash or API key id: what logout or revocation removes. */
  credentialId: string;
  /** For cookie sessions: the token a mutating request must echo in `X-CSRF-Token`. */
  csrfToken?: string;
}

/** The system acting on its own (sweeps, scheduled rules); it bypasses role checks. */
export const systemActor = null;
