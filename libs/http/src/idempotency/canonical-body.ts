import canonicalizeModule from 'canonicalize';

// The package is CommonJS (`module.exports = fn`) with ESM-style typings: depending on the loader
// the default import is the function or a namespace holding it.
const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ??
  canonicalizeModule) as unknown as (value: unknown) => string | undefined;

/**
 * RFC 8785 (JCS) canonical JSON of a request body, so key order and whitespace do not change its
 * idempotency hash. The same function as the bus's canonicalJson (libs/http cannot import the bus,
 * which imports it): stored hashes stay valid whichever computed them.
 */
export function canonicalBody(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}
