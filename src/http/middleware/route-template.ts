import type { Context } from "hono";
import { routePath } from "hono/route";

/**
 * The template of the route whose handler answered (`/api/v1/problems/:id`), read after `next()`; undefined when no
 * route matched (the not-found handler answered), so an unknown path is never reported as if it were a route.
 *
 * Not `routePath(c, -1)`: that is the last route whose pattern matches the path, so `/api/v1/problems/random` would
 * read as `/api/v1/problems/:id`, and an unmatched request as the catch-all (`/*`, `/api/*`) of a middleware.
 */
export function routeTemplate(c: Context): string | undefined {
  const route = routePath(c);
  // Only middleware is mounted on wildcards (`/*`, `/api/*`): no route of the API ends in one.
  return route.endsWith("*") ? undefined : route;
}
