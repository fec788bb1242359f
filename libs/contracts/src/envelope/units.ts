// Units, sources and unit tokens (docs/contract.md §3-5, §10). A unit id (`polda:riau`,
// `checkpoint:batam-center`, `ministry:service`) names who acts; its CloudEvents source
// (`/polri/polda/riau`, `/imigrasi/tpi/batam-center`, `/kp2mi/ministry`) is what events carry.
import { UNIT_CODE_PATTERN } from '../common/patterns.js';

export type UnitKind = 'polda' | 'checkpoint' | 'ministry';

const SOURCE_PREFIX: Record<UnitKind, string> = {
  polda: '/polri/polda/',
  checkpoint: '/imigrasi/tpi/',
  ministry: '/kp2mi/',
};

// The ministry's case service publishes as `/kp2mi/ministry` (docs/contract.md §5) while its unit id is
// `ministry:service` (units.json); every other ministry unit keeps its name (`ministry:desk` ↔ `/kp2mi/desk`).
const MINISTRY_SERVICE_NAME = 'service';
const MINISTRY_SERVICE_SOURCE_NAME = 'ministry';

/** The source of a Polda: `/polri/polda/<code>`. */
export function poldaSource(code: string): string {
  return SOURCE_PREFIX.polda + code;
}

/** The source of a checkpoint (TPI): `/imigrasi/tpi/<code>`. */
export function checkpointSource(code: string): string {
  return SOURCE_PREFIX.checkpoint + code;
}

/** The source the ministry's case service publishes with. */
export const MINISTRY_SOURCE = SOURCE_PREFIX.ministry + MINISTRY_SERVICE_SOURCE_NAME;

/** The CloudEvents source of a unit id, or undefined when the id is not one. */
export function sourceForUnit(unitId: string): string | undefined {
  const [kind, code, ...rest] = unitId.split(':');
  if (rest.length > 0 || code === undefined || !UNIT_CODE_PATTERN.test(code) || !(kind in SOURCE_PREFIX)) {
    return undefined;
  }
  if (kind === 'ministry') {
    if (code === MINISTRY_SERVICE_SOURCE_NAME) return undefined; // reserved: `/kp2mi/ministry` is ministry:service
    return SOURCE_PREFIX.ministry + (code === MINISTRY_SERVICE_NAME ? MINISTRY_SERVICE_SOURCE_NAME : code);
  }
  return SOURCE_PREFIX[kind as UnitKind] + code;
}

/** The unit id a CloudEvents source names (`/polri/polda/riau` → `polda:riau`), or undefined. */
export function unitFromSource(source: string): string | undefined {
  for (const kind of Object.keys(SOURCE_PREFIX) as UnitKind[]) {
    const prefix = SOURCE_PREFIX[kind];
    if (!source.startsWith(prefix)) continue;
    const code = source.slice(prefix.length);
    if (!UNIT_CODE_PATTERN.test(code)) return undefined;
    if (kind === 'ministry') {
      if (code === MINISTRY_SERVICE_NAME) return undefined; // `/kp2mi/service` is not a source
      return `ministry:${code === MINISTRY_SERVICE_SOURCE_NAME ? MINISTRY_SERVICE_NAME : code}`;
    }
    return `${kind}:${code}`;
  }
  return undefined;
}

/** True when `source` is a ministry (KP2MI) source. */
export function isMinistrySource(source: string): boolean {
  return unitFromSource(source)?.startsWith('ministry:') === true;
}
