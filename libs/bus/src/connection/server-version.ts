/** A nats-server version as numbers, e.g. `2.9.10` → [2, 9, 10]. Unknown parts are 0. */
export function parseServerVersion(version: string | undefined): [number, number, number] {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

/** True when `version` is at least `major.minor`. */
export function serverAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const [a, b] = parseServerVersion(version);
  return a > major || (a === major && b >= minor);
}
