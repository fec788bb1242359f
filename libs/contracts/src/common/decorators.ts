// The small decorator vocabulary every contract class is written in. Each decorator applies plain
// class-validator (and class-transformer) decorators, so Nest's ValidationPipe enforces the same
// contract on HTTP bodies; the JSON Schema generator and the compiled validator read the resulting
// class-validator metadata back (validation/class-model.ts), so the contract is written once.
//
// Conventions that keep the two validation paths in step:
// - every property carries a type check (a wrong type is one `type` error, nothing more);
// - `undefined` means absent: optional properties use ValidateIf(value !== undefined), never
//   IsOptional, because IsOptional would also let `null` through and JSON Schema does not;
// - custom constraints carry one ConstraintSpec as their only constraint argument, which says how
//   the schema generator renders them.
// class-transformer's @Type reads design-time metadata through the Reflect API polyfill.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { isCalendarDate, isDateTimeWithZone, MAX_INSTANT, MIN_INSTANT } from './instants.js';
import {
  COUNTRY_PATTERN,
  PATTERN_RULES,
  TRIMMED_PATTERN,
  UNIT_CODE_PATTERN,
  UUID_PATTERN,
} from './patterns.js';
import type { CrossFieldRule } from '../rules/rule.js';

/** How a custom constraint appears in the JSON Schema. */
export type ConstraintSpec =
  | { kind: 'pattern'; pattern: RegExp }
  | { kind: 'format'; format: 'date' | 'date-time' }
  | { kind: 'minLength'; limit: number }
  | { kind: 'maxLength'; limit: number }
  | { kind: 'rule'; rule: CrossFieldRule };

type Decorator = (target: object, propertyKey: string) => void;

type AnyPropertyDecorator = PropertyDecorator | Decorator;

function compose(...decorators: AnyPropertyDecorator[]): Decorator {
  return (target, propertyKey) => {
    for (const decorate of decorators) (decorate as Decorator)(target, propertyKey);
  };
}

// ---------------------------------------------------------------------------------------------
// Descriptions and nested classes: our own registry (class-validator keeps neither).

const descriptions = new WeakMap<object, Map<string, string>>();
const classDescriptions = new WeakMap<object, string>();
const nestedTypes = new WeakMap<object, Map<string, () => new () => object>>();

/**
 * Attaches the one-line description used in the JSON Schema (keep it identical to the JSDoc line):
 * what the field means, its format, and whether it is personal data.
 */
export function Describe(text: string) {
  return (target: object, propertyKey?: string | symbol): void => {
    if (propertyKey === undefined) {
      classDescriptions.set(target, text); // class decorator: target is the constructor
      return;
    }
    const map = descriptions.get(target.constructor) ?? new Map<string, string>();
    map.set(String(propertyKey), text);
    descriptions.set(target.constructor, map);
  };
}

export function descriptionOf(cls: object, property?: string): string | undefined {
  return property === undefined ? classDescriptions.get(cls) : descriptions.get(cls)?.get(property);
}

export function nestedTypeOf(cls: object, property: string): (new () => object) | undefined {
  return nestedTypes.get(cls)?.get(property)?.();
}

function registerNested(cls: () => new () => object): Decorator {
  return (target, propertyKey) => {
    const map = nestedTypes.get(target.constructor) ?? new Map();
    map.set(propertyKey, cls);
    nestedTypes.set(target.constructor, map);
  };
}

// ---------------------------------------------------------------------------------------------
// Custom constraints.

function custom(
  name: string,
  spec: ConstraintSpec,
  check: (value: unknown) => boolean,
  message: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      constraints: [spec],
      validator: { validate: (value: unknown) => check(value), defaultMessage: () => `$property ${message}` },
    },
    options,
  );
}

/** Length in Unicode code points: what JSON Schema (and ajv) count, unlike String.length. */
export function codePointLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00)
      i++;
    n++;
  }
  return n;
}

function MinLen(limit: number, options?: ValidationOptions): PropertyDecorator {
  return custom(
    'minLength',
    { kind: 'minLength', limit },
    (v) => typeof v === 'string' && codePointLength(v) >= limit,
    `must be at least ${limit} characters long`,
    options,
  );
}

function MaxLen(limit: number, options?: ValidationOptions): PropertyDecorator {
  // A string's UTF-16 length bounds its code point count from above: skip counting when short.
  return custom(
    'maxLength',
    { kind: 'maxLength', limit },
    (v) => typeof v === 'string' && (v.length <= limit || codePointLength(v) <= limit),
    `must be at most ${limit} characters long`,
    options,
  );
}

/** A string matching `pattern`; the rule reported is the pattern's entry in PATTERN_RULES. */
function Pattern(pattern: RegExp, options?: ValidationOptions): PropertyDecorator {
  const rule = PATTERN_RULES.get(pattern.source) ?? 'pattern';
  return custom(
    rule,
    { kind: 'pattern', pattern },
    (v) => typeof v === 'string' && pattern.test(v),
    `does not have the required format (${rule})`,
    options,
  );
}

function Trimmed(options?: ValidationOptions): PropertyDecorator {
  return Pattern(TRIMMED_PATTERN, options);
}

// ---------------------------------------------------------------------------------------------
// Presence.

/**
 * The property may be absent (undefined). `null` is not absence: it is rejected like any wrong type.
 * `unless`: a cross-field rule that makes the property required when it fails (cegah needs a
 * decisionNumber); put `@Enforce(rule)` on the same property so the rule is what gets reported.
 */
export function Optional(opts: { unless?: CrossFieldRule } = {}): Decorator {
  const unless = opts.unless;
  return compose(
    ValidateIf((holder: Record<string, unknown>, value: unknown) =>
      unless ? value !== undefined || !unless.check(holder) : value !== undefined,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Field kinds.

/** Free text: a trimmed string of `min` (default 1) to `max` code points. */
export function Text(opts: { max: number; min?: number }): Decorator {
  return compose(IsString(), MinLen(opts.min ?? 1), MaxLen(opts.max), Trimmed());
}

/** A string of at most `max` code points matching `pattern` (the pattern excludes whitespace). */
export function Matching(pattern: RegExp, opts: { max: number }): Decorator {
  return compose(IsString(), MaxLen(opts.max), Pattern(pattern));
}

/** A UUID of any version. */
export function Uuid(): Decorator {
  return compose(IsString(), Pattern(UUID_PATTERN));
}

/** A Polda or checkpoint code (`riau`, `batam-center`). */
export function UnitCode(): Decorator {
  return Matching(UNIT_CODE_PATTERN, { max: 40 });
}

/** An ISO 3166-1 alpha-3 country code, upper case. */
export function Country(): Decorator {
  return Matching(COUNTRY_PATTERN, { max: 3 });
}

/**
 * An ISO 8601 date-time with a zone (`Z` or `±hh:mm`), fractional seconds allowed, between
 * MIN_INSTANT and MAX_INSTANT (the bound is part of the format, so both validation paths share it).
 */
export function DateTime(): Decorator {
  return compose(
    IsString(),
    custom(
      'dateTime',
      { kind: 'format', format: 'date-time' },
      isDateTimeWithZone,
      `must be an ISO 8601 date-time with a zone (e.g. 2025-07-05T03:12:00Z) between ${MIN_INSTANT} and ${MAX_INSTANT}`,
    ),
  );
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function CalendarDate(): Decorator {
  return compose(
    IsString(),
    custom('date', { kind: 'format', format: 'date' }, isCalendarDate, 'must be a real date YYYY-MM-DD'),
  );
}

/** One of a fixed list of strings. */
export function OneOf(values: readonly string[]): Decorator {
  return compose(IsString(), IsIn([...values]));
}

/** An integer within [min, max]. */
export function Int(opts: { min: number; max: number }): Decorator {
  return compose(IsInt(), Min(opts.min), Max(opts.max));
}

/** A finite number within [min, max]. */
export function Num(opts: { min: number; max: number }): Decorator {
  return compose(IsNumber({ allowNaN: false, allowInfinity: false }), Min(opts.min), Max(opts.max));
}

export function Bool(): Decorator {
  return compose(IsBoolean());
}

/** A nested object of class `cls`. */
export function Nested(cls: () => new () => object): Decorator {
  return compose(IsObject(), ValidateNested(), Type(cls), registerNested(cls));
}

/** An array of `min` to `max` objects of class `cls`. */
export function NestedArray(cls: () => new () => object, opts: { min: number; max: number }): Decorator {
  return compose(
    IsArray(),
    ...(opts.min > 0 ? [ArrayMinSize(opts.min)] : []),
    ArrayMaxSize(opts.max),
    // class-validator's nested validation walks into an element that is itself an array instead of
    // rejecting it: this per-element check closes that hole.
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(cls),
    registerNested(cls),
  );
}

/** An array of `min` (default 0) to `maxItems` trimmed strings of 1 to `maxLength` code points. */
export function TextArray(opts: { maxItems: number; maxLength: number; minItems?: number }): Decorator {
  const each = { each: true };
  return compose(
    IsArray(),
    ...(opts.minItems ? [ArrayMinSize(opts.minItems)] : []),
    ArrayMaxSize(opts.maxItems),
    IsString(each),
    MinLen(1, each),
    MaxLen(opts.maxLength, each),
    Trimmed(each),
  );
}

/** An array of at most `maxItems` strings of at most `maxLength` code points, each matching `pattern`. */
export function MatchingArray(pattern: RegExp, opts: { maxItems: number; maxLength: number }): Decorator {
  const each = { each: true };
  return compose(
    IsArray(),
    ArrayMaxSize(opts.maxItems),
    IsString(each),
    MaxLen(opts.maxLength, each),
    Pattern(pattern, each),
  );
}

/** An array of `minItems` to `maxItems` UUIDs. */
export function UuidArray(opts: { maxItems: number; minItems: number }): Decorator {
  const each = { each: true };
  return compose(
    IsArray(),
    ArrayMinSize(opts.minItems),
    ArrayMaxSize(opts.maxItems),
    IsString(each),
    Pattern(UUID_PATTERN, each),
  );
}

/**
 * Enforces a cross-field rule, reported on this property. The rule sees the whole object holding
 * the property (class-validator's `args.object`), so Nest's ValidationPipe enforces it too.
 */
export function Enforce(rule: CrossFieldRule): Decorator {
  return compose(
    ValidateBy({
      name: rule.name,
      constraints: [{ kind: 'rule', rule } satisfies ConstraintSpec],
      validator: {
        validate: (_value: unknown, args) => rule.check((args?.object ?? {}) as Record<string, unknown>),
        defaultMessage: () => `$property: ${rule.description}`,
      },
    }),
  );
}
