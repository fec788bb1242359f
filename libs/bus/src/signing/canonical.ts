import canonicalizeModule from 'canonicalize';
import { Buffer } from 'node:buffer';

// The package is CommonJS (`module.exports = fn`) with ESM-style typings: depending on the loader
// the default import is the function or a namespace holding it.
const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ??
  canonicalizeModule) as unknown as (value: unknown) => string | undefined;

/**
 * RFC 8785 (JCS) canonical JSON of a value: the exact bytes a Simpul signature covers. The relay
 * publishes these very bytes as the message body, so a consumer can verify the body as received and
 * only canonicalises again for bodies from publishers that sent another serialisation.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
