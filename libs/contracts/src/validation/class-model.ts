// Reads class-validator's metadata back into a small model of each contract class: its properties
// in declaration order, their constraints, presence conditions, nested class and cross-field rules.
// The JSON Schema generator, the compiled path's rule walk and the reference path's error mapping
// all read this model, so none of them restates the contract.
import { getMetadataStorage, type ValidationArguments } from 'class-validator';
import { descriptionOf, nestedTypeOf, type ConstraintSpec } from '../common/decorators.js';
import type { CrossFieldRule } from '../rules/rule.js';

export interface ConstraintModel {
  /** class-validator constraint name (`isString`, `maxLength`, `uuid`, `nikMatchesSex`, ...). */
  name: string;
  /** Applied to each element of an array value. */
  each: boolean;
  /** The constraint's arguments (for our own constraints: one ConstraintSpec). */
  args: readonly unknown[];
  /** Our own constraint's schema rendering, when it is one of ours. */
  spec?: ConstraintSpec;
  /** Runs the constraint on one value. */
  validate(value: unknown, holder: object): boolean;
}

export interface PropertyModel {
  name: string;
  description?: string;
  /** Absent is allowed (ValidateIf present); `conditions` say when the checks run anyway. */
  optional: boolean;
  conditions: ReadonlyArray<(holder: object, value: unknown) => boolean>;
  nested?: { cls: new () => object; each: boolean };
  constraints: readonly ConstraintModel[];
  rules: readonly CrossFieldRule[];
}

export interface ClassModel {
  cls: new () => object;
  name: string;
  description?: string;
  properties: readonly PropertyModel[];
  byName: ReadonlyMap<string, PropertyModel>;
}

const cache = new Map<object, ClassModel>();

function isSpec(value: unknown): value is ConstraintSpec {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

export function classModel(cls: new () => object): ClassModel {
  const cached = cache.get(cls);
  if (cached) return cached;
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const byName = new Map<
    string,
    PropertyModel & { constraints: ConstraintModel[]; rules: CrossFieldRule[] }
  >();
  const conditions = new Map<string, Array<(holder: object, value: unknown) => boolean>>();
  for (const m of metadatas) {
    let prop = byName.get(m.propertyName);
    if (!prop) {
      prop = {
        name: m.propertyName,
        description: descriptionOf(cls, m.propertyName),
        optional: false,
        conditions: [],
        constraints: [],
        rules: [],
      };
      conditions.set(m.propertyName, prop.conditions as Array<(holder: object, value: unknown) => boolean>);
      byName.set(m.propertyName, prop);
    }
    if (m.type === 'conditionalValidation') {
      prop.optional = true;
      conditions.get(m.propertyName)!.push(m.constraints[0] as (holder: object, value: unknown) => boolean);
    } else if (m.type === 'nestedValidation') {
      const nestedCls = nestedTypeOf(cls, m.propertyName);
      if (!nestedCls) throw new Error(`${cls.name}.${m.propertyName}: @ValidateNested without @Nested`);
      prop.nested = { cls: nestedCls, each: m.each };
    } else if (m.type === 'customValidation') {
      const [constraint] = storage.getTargetValidatorConstraints(m.constraintCls);
      const spec = isSpec(m.constraints?.[0]) ? m.constraints[0] : undefined;
      const args = m.constraints ?? [];
      const model: ConstraintModel = {
        name: constraint.name,
        each: m.each,
        args,
        spec,
        validate: (value, holder) =>
          constraint.instance.validate(value, {
            targetName: cls.name,
            property: m.propertyName,
            object: holder,
            value,
            constraints: args as unknown[],
          } as ValidationArguments) as boolean,
      };
      prop.constraints.push(model);
      if (spec?.kind === 'rule') prop.rules.push(spec.rule);
    }
  }
  // Decorators on one property run bottom-up: restore the order they are written in.
  for (const prop of byName.values()) {
    prop.constraints.reverse();
    prop.rules.reverse();
  }
  const properties = [...byName.values()];
  const model: ClassModel = { cls, name: cls.name, description: descriptionOf(cls), properties, byName };
  cache.set(cls, model);
  return model;
}

/** Whether the checks of a property run for this holder (class-validator's ValidateIf). */
export function propertyApplies(prop: PropertyModel, holder: object, value: unknown): boolean {
  return prop.conditions.every((condition) => condition(holder, value));
}
