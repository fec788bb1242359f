import { readFileSync } from 'node:fs';

/** Injection token: the set of known checkpoint codes (reference units, docs/contract.md §10). */
export const REFERENCE_CHECKPOINTS = Symbol('REFERENCE_CHECKPOINTS');

/** Checkpoint codes of a units.json (`{ checkpoints: [{ code }] }`); an unreadable file gives an empty set. */
export function loadCheckpointCodes(path: string): ReadonlySet<string> {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { checkpoints?: Array<{ code?: unknown }> };
    return new Set(
      (parsed.checkpoints ?? []).map((c) => c.code).filter((c): c is string => typeof c === 'string'),
    );
  } catch {
    return new Set();
  }
}
