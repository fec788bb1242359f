// The reference path: class-transformer + class-validator over the contract classes, exactly as
// Nest's ValidationPipe runs them on HTTP bodies (whitelist, forbidNonWhitelisted,
// forbidUnknownValues). Slower than the compiled path; it is the source of truth the differential
// test holds the compiled path to.
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EVENT_REGISTRY, type EventType } from '../registry.js';
import { classModel, type ConstraintModel } from './class-model.js';
import { childPath, indexPath, issue, normalizeIssues, type ValidationIssue } from './issues.js';

/** The validator options every use of the classes should pass (Nest: `new ValidationPipe(CLASS_VALIDATOR_OPTIONS)`). */
export const CLASS_VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: true, value: true },
} as const;

const TYPE_CONSTRAINTS = new Set([
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'nestedValidation',
  'unknownValue',
]);

function ruleOf(constraint: string): string {
  if (TYPE_CONSTRAINTS.has(constraint)) return 'type';
  if (constraint === 'isIn') return 'enum';
  if (constraint === 'whitelistValidation') return 'unknownProperty';
  return constraint; // min, max, arrayMinSize, arrayMaxSize and all of ours are named by their rule
}

function detailOf(c: ConstraintModel | undefined): string | undefined {
  if (!c) return undefined;
  if (c.spec?.kind === 'minLength' || c.spec?.kind === 'maxLength') return `limit ${c.spec.limit}`;
  if (['min', 'max', 'arrayMinSize', 'arrayMaxSize'].includes(c.name)) return `limit ${String(c.args[0])}`;
  return undefined;
}

/** The constraints of the property an error is about, when its holder is one of our classes. */
function constraintsOf(error: ValidationError): readonly ConstraintModel[] {
  const holder = error.target as object | undefined;
  if (!holder || Array.isArray(holder)) return [];
  const prop = classModel(holder.constructor as new () => object).byName.get(error.property);
  return prop?.constraints ?? [];
}

function flatten(errors: readonly ValidationError[], parentPath: string, out: ValidationIssue[]): void {
  for (const error of errors) {
    const path = Array.isArray(error.target)
      ? indexPath(parentPath, Number(error.property))
      : childPath(parentPath, error.property);
    const keys = Object.keys(error.constraints ?? {});
    if (keys.length > 0) {
      const constraints = constraintsOf(error);
      const isRule = (key: string): boolean =>
        constraints.some((c) => c.name === key && c.spec?.kind === 'rule');
      if (error.value === undefined && !keys.includes('whitelistValidation')) {
        // Absent: one `required`, unless a cross-field rule is what makes it required (cegah).
        const rules = keys.filter(isRule);
        if (rules.length === 0) out.push(issue(path, 'required'));
        for (const rule of rules) out.push(issue(path, rule));
      } else {
        for (const key of keys) {
          const matching = constraints.filter((c) => c.name === key);
          const each = matching.find((c) => c.each);
          if (each && Array.isArray(error.value)) {
            // class-validator reports an `each` failure on the array: find the failing elements.
            const holder = error.target as object;
            error.value.forEach((element: unknown, i: number) => {
              if (!each.validate(element, holder))
                out.push(issue(indexPath(path, i), ruleOf(key), detailOf(each)));
            });
          } else {
            out.push(issue(path, ruleOf(key), detailOf(matching[0])));
          }
        }
      }
    }
    if (error.children && error.children.length > 0) flatten(error.children, path, out);
  }
}

/**
 * Validates a value already through the guards and known to be of `type` with the class-validator
 * classes. Returns the normalised issues (empty when valid).
 */
export function referenceIssues(type: EventType, value: Record<string, unknown>): ValidationIssue[] {
  const instance = plainToInstance(EVENT_REGISTRY[type].envelopeClass, value);
  const errors = validateSync(instance, CLASS_VALIDATOR_OPTIONS);
  const issues: ValidationIssue[] = [];
  flatten(errors, '', issues);
  return normalizeIssues(issues);
}
