// Runs the cross-field rules over a plain value by walking the class model, exactly where
// class-validator would run them (same holders, same presence conditions). Used by the compiled path.
import { classModel, propertyApplies, type PropertyModel } from './class-model.js';
import { issue, pathOf, type ValidationIssue } from './issues.js';

interface WalkStep {
  prop: PropertyModel;
  hasRules: boolean;
}

const plans = new Map<object, WalkStep[]>();

// Only properties with rules or nested classes matter to the walk: computed once per class.
function planFor(cls: new () => object): WalkStep[] {
  let plan = plans.get(cls);
  if (!plan) {
    plan = classModel(cls)
      .properties.filter((p) => p.rules.length > 0 || p.nested)
      .map((prop) => ({ prop, hasRules: prop.rules.length > 0 }));
    plans.set(cls, plan);
  }
  return plan;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs the cross-field rules of `cls` and of its nested classes over `holder`, appending issues.
 * `steps` is the path of `holder` as a stack (written out only for an issue).
 */
export function walkRules(
  cls: new () => object,
  holder: Record<string, unknown>,
  out: ValidationIssue[],
  steps: (string | number)[] = [],
): void {
  for (const { prop, hasRules } of planFor(cls)) {
    const value = holder[prop.name];
    if (prop.conditions.length > 0 && !propertyApplies(prop, holder, value)) continue;
    steps.push(prop.name);
    if (hasRules) {
      for (const rule of prop.rules) if (!rule.check(holder)) out.push(issue(pathOf(steps), rule.name));
    }
    const nested = prop.nested;
    if (nested?.each && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const element: unknown = value[i];
        if (!isPlainObject(element)) continue;
        steps.push(i);
        walkRules(nested.cls, element, out, steps);
        steps.pop();
      }
    } else if (nested && !nested.each && isPlainObject(value)) {
      walkRules(nested.cls, value, out, steps);
    }
    steps.pop();
  }
}
