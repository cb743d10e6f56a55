interface RoutePattern {
  method: string;
  pattern: RegExp;
  /** Literal segments: of the routes that match a path, the most specific ones speak for it. */
  literals: number;
  handler: unknown;
}

interface RouteTable {
  routes: ReadonlyArray<{ method: string; path: string; handler?: unknown }>;
}

/** The app's routes as patterns, built on first use: every route is registered by then. */
function lazyPatterns(app: RouteTable): () => RoutePattern[] {
  let patterns: RoutePattern[] | undefined;
  return () => (patterns ??= app.routes.map((route) => routePattern(route.method, route.path, route.handler)));
}

/**
 * The methods an app's routes answer for a path (the `Allow` of a 405 or an OPTIONS), or none
 * when no route has the path. `/records/:o/bulk` outranks `/records/:o/:id` for
 * `/records/lead/bulk`, as the router itself would: a PUT there is told `POST`, not the methods
 * of a record. Wherever GET is answered, so is HEAD (hono answers it with the GET's headers and
 * no body).
 *
 * @example
 * const allowed = allowedMethods(app);
 * allowed('/api/t/hotel/records/lead/0190…'); // ['GET', 'HEAD', 'PATCH', 'DELETE']
 */
export function allowedMethods(app: RouteTable): (path: string) => string[] {
  const patterns = lazyPatterns(app);
  return (path) => {
    const matching = patterns().filter((p) => p.method !== 'ALL' && p.pattern.test(path));
    const specific = Math.max(...matching.map((p) => p.literals));
    return withHead([...new Set(matching.filter((p) => p.literals === specific).map((p) => p.method))]);
  };
}

/**
 * The methods as an `Allow` lists them: HEAD after GET, wherever GET is allowed.
 *
 * @example
 * withHead(['GET', 'PATCH']); // ['GET', 'HEAD', 'PATCH']
 */
export function withHead(methods: readonly string[]): string[] {
  return methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
}

/**
 * Whether any route of a path (of any method, middleware included) runs `handler`: asked with
 * the authentication middleware, whether the path is one only a signed-in caller may learn about.
 */
export function routesRun(app: RouteTable, handler: unknown): (path: string) => boolean {
  const patterns = lazyPatterns(app);
  return (path) => patterns().some((p) => p.handler === handler && p.pattern.test(path));
}

/** A route's path as the router matches it: strictly, so `/records/lead/` is not `/records/lead`. */
function routePattern(method: string, path: string, handler: unknown): RoutePattern {
  const segments = path.split('/').filter(Boolean);
  const source = segments.map((s) => (s === '*' ? '.*' : s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return { method, pattern: new RegExp(`^/${source}$`), literals: segments.filter((s) => s !== '*' && !s.startsWith(':')).length, handler };
}
