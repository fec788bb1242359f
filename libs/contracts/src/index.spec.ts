import { describe, expect, it } from '@jest/globals';
import { LIB_NAME } from '@simpul/contracts';
import 'reflect-metadata';
import { IsString, validateSync } from 'class-validator';

class A {
  @IsString() x!: string;
}
describe('toolchain', () => {
  it('resolves aliases and decorators', () => {
    expect(LIB_NAME).toBe('contracts');
    const a = new A();
    (a as unknown as { x: number }).x = 1;
    expect(validateSync(a)).toHaveLength(1);
  });
});
