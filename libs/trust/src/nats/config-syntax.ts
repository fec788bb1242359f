/**
 * Values written into a nats-server config file. The server's config lexer ends a comment at
 * `\n` or `\r`, and inside a double-quoted string accepts only the escapes `\xXX`, `\t`, `\n`,
 * `\r`, `\"` and `\\` (JSON's `\u` is a parse error on 2.9.10). So every value goes through
 * `natsString`, and comment text through `natsComment`: no byte of a registry value can end a
 * string, a comment or a line.
 */

/** Characters written as escapes: the C0 and C1 controls, DEL, and Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029"\\]/gu;

const NAMED: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  // `\xXX` is one byte: a multi-byte character is written as its UTF-8 bytes.
  return [...Buffer.from(char, 'utf8')].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('');
}

/** A double-quoted nats-server config string holding exactly `value`. */
export function natsString(value: string): string {
  return `"${value.replace(UNSAFE, escapeChar)}"`;
}

/** A `#` comment line showing `text` quoted and escaped: it cannot end before the line does. */
export function natsComment(text: string): string {
  return `# ${text.replace(UNSAFE, escapeChar)}`;
}
