/**
 * Which service answers a path under `/api/`: the page never learns a service's address, and the
 * console's server forwards nothing but the services' versioned public API (`/v1/...`).
 *
 *   /api/police/v1/...                 → the police deployment
 *   /api/ministry/v1/...               → the ministry
 *   /api/immigration/<checkpoint>/v1/... → the immigration deployment serving that checkpoint
 */
export interface Upstreams {
  police: string;
  ministry: string;
  immigration: string;
  /** Checkpoint code → the immigration deployment serving it, where it is not `immigration`. */
  checkpoints: Record<string, string>;
}

export interface UpstreamTarget {
  /** Base URL of the service, without a trailing slash. */
  base: string;
  /** The path and query to ask it for, starting with `/v1/`. */
  path: string;
}

const CODE = /^[a-z0-9-]{1,64}$/;
// A versioned API path: no dot segments, no encoded slashes or backslashes that could reach elsewhere.
const API_PATH = /^\/v1(\/[A-Za-z0-9_\-.:]+)+$/;

/** The service and path for a page's request to `/api/...`, or undefined when none answers it. */
export function upstreamFor(url: string, upstreams: Upstreams): UpstreamTarget | undefined {
  const queryAt = url.indexOf('?');
  const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt);
  const parts = pathname.split('/'); // ['', 'api', service, ...]
  if (parts[1] !== 'api') return undefined;
  let base: string | undefined;
  let rest: string[];
  if (parts[2] === 'police' || parts[2] === 'ministry') {
    base = upstreams[parts[2]];
    rest = parts.slice(3);
  } else if (parts[2] === 'immigration' && CODE.test(parts[3] ?? '')) {
    base = upstreams.checkpoints[parts[3]] ?? upstreams.immigration;
    rest = parts.slice(4);
  } else return undefined;
  const path = `/${rest.join('/')}`;
  if (!API_PATH.test(path) || rest.some((segment) => segment === '.' || segment === '..')) return undefined;
  return { base: base.replace(/\/+$/, ''), path: path + query };
}

/** `code=url,code=url` (CONSOLE_CHECKPOINT_URLS) as a map; already validated by the config. */
export function parseCheckpointUrls(value: string | undefined): Record<string, string> {
  if (!value) return {};
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}
