// Regular expressions shared by both validation paths and by the JSON Schema.
// Each one is exported with the rule name an error on it reports, so that the compiled (ajv)
// path can turn a `pattern` error back into the same rule the class-validator path reports.

/** A UUID of any version, hex case-insensitive, no `urn:uuid:` prefix (ajv-formats' `uuid` allows one). */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * No leading or trailing whitespace (JS `\s`, the same set `String.prototype.trim` removes).
 * Written without look-behind so other JSON Schema validators can run it; empty is left to minLength.
 */
export const TRIMMED_PATTERN = /^(?:\S(?:[\s\S]*\S)?)?$/;

/** A Polda or checkpoint code: the unit token of NATS subjects, so no dots, wildcards or spaces. */
export const UNIT_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A unit id: `polda:<code>`, `checkpoint:<code>` or `ministry:<name>`. */
export const UNIT_ID_PATTERN = /^(?:polda|checkpoint|ministry):[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A CloudEvents `source` of one of the three agencies (docs/contract.md §5). */
export const SOURCE_PATTERN = /^\/(?:polri\/polda|imigrasi\/tpi|kp2mi)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** ISO 3166-1 alpha-3, upper case (the list itself is reference data, not an enum). */
export const COUNTRY_PATTERN = /^[A-Z]{3}$/;

/** Passport number: opaque, 6-9 upper-case letters or digits. */
export const PASSPORT_PATTERN = /^[A-Z0-9]{6,9}$/;

/** NIK: exactly 16 ASCII digits; the date inside is checked by the `nikStructure` rule. */
export const NIK_PATTERN = /^[0-9]{16}$/;

/**
 * A phone number in E.164: `+`, a country code that does not start with 0, 7 to 15 digits in all
 * (`+6281234567890`). The HTTP edges normalise the Indonesian forms (`0812…`, `62812…`, spaces,
 * dashes) into it; events carry nothing else.
 */
export const E164_PATTERN = /^\+[1-9][0-9]{6,14}$/;

/**
 * The address of an online ad: http or https, a host of letters, digits, dots and dashes, an
 * optional port, then anything but whitespace. No other scheme (javascript:, data:, file:) passes.
 */
export const WEB_URL_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#]\S*)?$/;

/** An account handle on a platform: an optional @, then letters, digits, dot, underscore or dash. */
export const ACCOUNT_HANDLE_PATTERN = /^@?[A-Za-z0-9._-]+$/;

/** Which rule a failed pattern reports (keyed by `RegExp.source`, the string ajv reports). */
export const PATTERN_RULES: ReadonlyMap<string, string> = new Map([
  [UUID_PATTERN.source, 'uuid'],
  [TRIMMED_PATTERN.source, 'trimmed'],
  [NIK_PATTERN.source, 'nikStructure'],
  [UNIT_CODE_PATTERN.source, 'pattern'],
  [UNIT_ID_PATTERN.source, 'pattern'],
  [SOURCE_PATTERN.source, 'pattern'],
  [COUNTRY_PATTERN.source, 'pattern'],
  [PASSPORT_PATTERN.source, 'pattern'],
  [E164_PATTERN.source, 'phoneNumber'],
  [WEB_URL_PATTERN.source, 'webUrl'],
  [ACCOUNT_HANDLE_PATTERN.source, 'pattern'],
]);
