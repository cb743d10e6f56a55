/**
 * The browser's client for the Shoal API, shared by the app and the studio. Same-origin
 * requests authenticate with the HttpOnly session cookie; writes echo the CSRF token the
 * login (or /me) returned. Problems come back as `ApiError` with the server's field pointers.
 */
export interface ProblemItem {
  path: string;
  message: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    /** The answer's HTTP status; 0 when none came (`network_error`). */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: ProblemItem[] = [],
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `code` of an `ApiError` when no answer came (offline, the connection dropped, DNS): `status` is 0. */
export const networkErrorCode = 'network_error';
/**
 * `code` of an `ApiError` whose answer is not one of the server's problems (a proxy's HTML page
 * for a 502 or 504): only its `status` says what happened.
 */
export const unexpectedAnswerCode = 'unexpected_answer';

export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  attributes: Record<string, unknown>;
  managerId: string | null;
  /** The language the person chose for the screens, kept with their account; null until they choose. */
  locale?: 'zh' | 'en' | null;
  csrfToken?: string;
  tenant: { slug: string; name: string };
}

const csrfKey = (tenant: string) => `shoal.csrf.${tenant}`;

export class ApiClient {
  #csrf: string | null;

  constructor(readonly tenant: string) {
    this.#csrf = sessionStorage.getItem(csrfKey(tenant));
  }

  get base(): string {
    return `/api/t/${encodeURIComponent(this.tenant)}`;
  }

  async login(email: string, password: string): Promise<Me> {
    const result = await this.request<{ csrfToken: string; user: Omit<Me, 'tenant'> }>('POST', '/auth/login', { email, password });
    this.#setCsrf(result.csrfToken);
    const me = await this.me();
    if (!me) throw new ApiError(401, 'unauthenticated', 'The session did not start');
    return me;
  }

  async logout(): Promise<void> {
    try {
      await this.request('POST', '/auth/logout');
    } finally {
      this.#setCsrf(null);
    }
  }

  /** The signed-in user, or null when the session is missing or expired. */
  async me(): Promise<Me | null> {
    try {
      const me = await this.request<Me>('GET', '/me');
      if (me.csrfToken) this.#setCsrf(me.csrfToken);
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  /** Keeps the screens' language with the signed-in person's account (null: the tenant's default). */
  saveLocale(locale: 'zh' | 'en' | null): Promise<Me> {
    return this.patch<Me>('/me', { locale });
  }

  get<T = unknown>(path: string, query?: Record<string, string | number | boolean | undefined | null | object>): Promise<T> {
    return this.request<T>('GET', path + toQuery(query));
  }
  post<T = unknown>(path: string, body?: unknown): Promise<T> { return this.request<T>('POST', path, body); }
  put<T = unknown>(path: string, body?: unknown): Promise<T> { return this.request<T>('PUT', path, body); }
  patch<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> { return this.request<T>('PATCH', path, body, headers); }
  delete<T = unknown>(path: string): Promise<T> { return this.request<T>('DELETE', path); }

  /** A GET that also gives the answer's headers (a record's `Allow`, its `ETag`). */
  getWithHeaders<T = unknown>(path: string, query?: Record<string, string | number | boolean | undefined | null | object>): Promise<{ data: T; headers: Headers }> {
    return this.#send<T>('GET', path + toQuery(query));
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
    return (await this.#send<T>(method, path, body, extraHeaders)).data;
  }

  /** A request that also gives the answer's headers (the `ETag` of a conditional save). */
  requestWithHeaders<T = unknown>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<{ data: T; headers: Headers }> {
    return this.#send<T>(method, path, body, extraHeaders);
  }

  /** A POST of a file as it is (a CSV to import), not as JSON. */
  async upload<T = unknown>(path: string, file: Blob, contentType: string): Promise<T> {
    return (await this.#send<T>('POST', path, file, { 'content-type': contentType })).data;
  }

  /** A GET of a file (a CSV export): its contents and the name the server gives it. */
  async download(path: string, query?: Record<string, string | number | boolean | undefined | null | object>): Promise<{ blob: Blob; filename: string | undefined }> {
    const response = await this.#fetch('GET', path + toQuery(query), undefined, { accept: '*/*' });
    const filename = attachmentName(response.headers.get('content-disposition'));
    try {
      return { blob: await response.blob(), filename };
    } catch (error) {
      // The connection dropped while the file came: as if no answer had come.
      throw error instanceof TypeError ? new ApiError(0, networkErrorCode, error.message) : error;
    }
  }

  async #send<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<{ data: T; headers: Headers }> {
    const response = await this.#fetch(method, path, body, extraHeaders);
    if (response.status === 204) return { data: undefined as T, headers: response.headers };
    const text = await response.text();
    return { data: (text ? safeJson(text) : undefined) as T, headers: response.headers };
  }

  /** The answer when it is a success; otherwise an `ApiError` (also when no answer came). */
  async #fetch(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Response> {
    const raw = body instanceof Blob;
    const headers: Record<string, string> = { accept: 'application/json', ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}), ...extraHeaders };
    if (method !== 'GET' && this.#csrf) headers['x-csrf-token'] = this.#csrf;
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: raw ? body : JSON.stringify(body) } : {}),
      });
    } catch (error) {
      // fetch rejects with a TypeError in the browser's own words ("Failed to fetch", "Load failed"): no answer came.
      throw error instanceof TypeError ? new ApiError(0, networkErrorCode, error.message) : error;
    }
    if (!response.ok) throw await problemOf(response);
    return response;
  }

  #setCsrf(token: string | null): void {
    this.#csrf = token;
    if (token) sessionStorage.setItem(csrfKey(this.tenant), token);
    else sessionStorage.removeItem(csrfKey(this.tenant));
  }
}

/** The `ApiError` of a failed answer: the server's problem, or by its status alone when it is none. */
async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  const data = text ? safeJson(text) : undefined;
  const problem = { ...(data && typeof data === 'object' ? data : {}) } as Record<string, unknown>;
  // How long a limit holds is said in the Retry-After header (seconds), not in the problem.
  const retryAfter = Number(response.headers.get('retry-after'));
  if (retryAfter > 0) problem.retryAfter = retryAfter;
  if (typeof problem.code !== 'string') return new ApiError(response.status, unexpectedAnswerCode, response.statusText, [], problem);
  return new ApiError(response.status, problem.code, String(problem.detail ?? response.statusText), (problem.errors as ProblemItem[]) ?? [], problem);
}

/**
 * The file name of a `Content-Disposition: attachment` answer: `filename*` (RFC 6266, UTF-8)
 * before the plain `filename`.
 */
export function attachmentName(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // A badly encoded name: the plain one below, if any.
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(disposition)?.[1] ?? /filename\s*=\s*([^;]+)/i.exec(disposition)?.[1]?.trim();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Query string from values; objects (filters) are JSON-encoded. */
export function toQuery(query?: Record<string, unknown>): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
