import { launchService, type ServiceInstance } from './service-process.js';

/** Where the console's server sends each part of the API (apps/console/src/server/upstreams.ts). */
export interface ConsoleUpstreams {
  police: string;
  ministry: string;
  /** The immigration deployment for checkpoints not in `checkpoints`. */
  immigration: string;
  /** Checkpoint code → the immigration deployment serving it (a site's, in the national topology). */
  checkpoints?: Record<string, string>;
}

export const DEFAULT_CONSOLE_PORT = 3100;

/**
 * Starts the console (docs/console.md) on CONSOLE_PORT (default 3100), pointed at the services
 * just started; wait for it with waitForHealthy like a service.
 */
export function launchConsole(
  upstreams: ConsoleUpstreams,
  env: NodeJS.ProcessEnv = process.env,
): ServiceInstance {
  const port = Number(env.CONSOLE_PORT || DEFAULT_CONSOLE_PORT);
  const checkpoints = Object.entries(upstreams.checkpoints ?? {})
    .map(([code, url]) => `${code}=${url}`)
    .join(',');
  return launchService('console', 'console', port, {
    ...env,
    CONSOLE_PORT: String(port),
    CONSOLE_POLICE_URL: upstreams.police,
    CONSOLE_MINISTRY_URL: upstreams.ministry,
    CONSOLE_IMMIGRATION_URL: upstreams.immigration,
    ...(checkpoints ? { CONSOLE_CHECKPOINT_URLS: checkpoints } : {}),
  });
}
