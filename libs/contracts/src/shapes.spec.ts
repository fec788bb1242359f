import { describe, expect, it } from '@jest/globals';
import { validFixture } from './testing/index.js';
import { parseShape } from './index.js';

describe('parseShape', () => {
  const person = validFixture('police.arrest.recorded.v1').data.suspects[0]!.person;

  it('accepts a valid Person as it is', () => {
    expect(parseShape('Person', person)).toEqual({ ok: true, value: person });
  });

  it('names every failing field relative to the shape, with the rule, never the value', () => {
    const result = parseShape('Person', { ...person, fullName: '', nik: '12', color: 'red' });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => `${i.path}:${i.rule}`)).toEqual(
      expect.arrayContaining(['fullName:minLength', 'nik:nikStructure', 'color:unknownProperty']),
    );
    expect(JSON.stringify(issues)).not.toContain(person.fullName);
  });

  it('runs the cross-field rules of the shape (a NIK agreeing with the sex)', () => {
    const result = parseShape('Person', { ...person, sex: person.sex === 'M' ? 'F' : 'M' });
    expect(result.ok ? [] : result.issues.map((i) => i.rule)).toContain('nikMatchesSex');
  });

  it('refuses a value that is not an object, and a __proto__ key', () => {
    expect(parseShape('Person', [])).toMatchObject({ ok: false, issues: [{ path: '', rule: 'type' }] });
    const hostile = JSON.parse('{"__proto__": {"fullName": "x"}}') as unknown;
    expect(parseShape('Person', hostile)).toMatchObject({ ok: false, issues: [{ rule: 'forbiddenKey' }] });
  });
});
