/**
 * `@simpul/bus/dev`: generating signing keys for a development run (the launcher, tests). Never
 * imported by a service's production path: services get their keys from configuration.
 */
export { ensureDevKeys, applyDevKeyRevocations } from '../signing/dev-keys.js';
export type { DevUnit } from '../signing/dev-keys.js';
