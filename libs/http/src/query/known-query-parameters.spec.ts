import { describe, expect, it } from '@jest/globals';
import { ApiQuery } from '@nestjs/swagger';
import { declaredQueryParameters, unknownQueryProblems } from './known-query-parameters.js';

class Routes {
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(): void {}

  get(): void {}
}

describe('declaredQueryParameters', () => {
  it('reads the names a handler documents with @ApiQuery', () => {
    expect(declaredQueryParameters(Routes.prototype.list).sort()).toEqual(['limit', 'status']);
    expect(declaredQueryParameters(Routes.prototype.get)).toEqual([]);
  });
});

describe('unknownQueryProblems', () => {
  it('names each unknown parameter, never its value, and hides names not shaped like one', () => {
    const problems = unknownQueryProblems(
      { status: 'open', nik: '3374010203750001', '3374010203750001': '' },
      ['status'],
    );
    expect(problems.map((p) => `${p.path}:${p.rule}`).sort()).toEqual([
      '*:unknownParameter',
      'nik:unknownParameter',
    ]);
    expect(JSON.stringify(problems)).not.toContain('3374010203750001');
  });
});
