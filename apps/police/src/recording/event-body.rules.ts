// How a police body becomes event data: the ids the service generates (arrestId and suspectId,
// interceptionId and candidateId) are added, and ones a caller sent are reported, not replaced.
// Trimming, body problems and the schema live in libs/http (docs/adr/0004-http-bodies-through-the-contract.md).
import { generatedFieldProblem, isPlainObject, type ValidationIssue } from '@simpul/http';

/**
 * Copies `body` and sets `field` to `id`; a caller-supplied `field` is reported, not silently
 * replaced. Array items (`items` of `itemField`) get ids of their own the same way.
 */
export function withGeneratedIds(
  body: Record<string, unknown>,
  field: string,
  id: string,
  items: { field: string; itemField: string; newId: () => string },
): { data: Record<string, unknown>; problems: ValidationIssue[] } {
  const problems: ValidationIssue[] = [];
  if (Object.hasOwn(body, field)) problems.push(generatedFieldProblem(field));
  const data: Record<string, unknown> = { [field]: id };
  for (const [key, value] of Object.entries(body)) {
    if (key === field) continue;
    Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
  }
  const list = data[items.field];
  if (Array.isArray(list)) {
    data[items.field] = list.map((item: unknown, index) => {
      if (!isPlainObject(item)) return item;
      if (Object.hasOwn(item, items.itemField))
        problems.push(generatedFieldProblem(`${items.field}[${index}].${items.itemField}`));
      const { [items.itemField]: _ignored, ...rest } = item;
      return { [items.itemField]: items.newId(), ...rest };
    });
  }
  return { data, problems };
}
