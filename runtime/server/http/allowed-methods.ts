interface RoutePattern {
  method: string;
  pattern: RegExp;
  /** Literal segments: of the routes that match a path, the most specific ones speak for it. */
  literals: number;
}

/**
 * The methods an app's routes answer for a path (the `Allow` of a 405), or none when no route
 * has the path. `/records/:o/bulk` outranks `/records/:o/:id` for `/records/lead/bulk`, as the
 * router itself would: a PUT there is told `POST`, not the methods of a record.
 *
 * @example
 * const allowed = allowedMethods(app);
 * allowed('/api/t/hotel/records/lead/0190…'); // ['GET', 'HEAD', 'PATCH', 'DELETE']
 */
export function allowedMethods(app: { routes: ReadonlyArray<{ method: string; path: string }> }): (path: string) => string[] {
  let patterns: RoutePattern[] | undefined;
  return (path) => {
    // Built on first use: every route is registered by then.
    patterns ??= app.routes.filter((route) => route.method !== 'ALL').map((route) => routePattern(route.method, route.path));
    const matching = patterns.filter((p) => p.pattern.test(path));
    const specific = Math.max(...matching.map((p) => p.literals));
    const methods = new Set(matching.filter((p) => p.literals === specific).map((p) => p.method));
    return [...methods].flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
  };
}

/** A route's path as the router matches it: strictly, so `/records/lead/` is not `/records/lead`. */
function routePattern(method: string, path: string): RoutePattern {
  const segments = path.split('/').filter(Boolean);
  const source = segments.map((s) => (s === '*' ? '.*' : s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return { method, pattern: new RegExp(`^/${source}$`), literals: segments.filter((s) => s !== '*' && !s.startsWith(':')).length };
}
