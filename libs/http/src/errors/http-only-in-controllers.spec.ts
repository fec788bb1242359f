// The lint rule that keeps HTTP exceptions in controllers (eslint.config.js), run on sample files.
import { describe, expect, it, jest } from '@jest/globals';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

jest.setTimeout(30_000);

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });
const code = `import { ApiException } from '@simpul/http';\nexport const e = new ApiException(404, 'X', 'x');\n`;

async function ruleIdsFor(filePath: string): Promise<Array<string | null>> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages.map((m) => m.ruleId);
}

describe('ApiException only in controllers', () => {
  it('is refused in a ministry or police service', async () => {
    expect(await ruleIdsFor('apps/ministry/src/watchlist/x/x.service.ts')).toContain('no-restricted-syntax');
    expect(await ruleIdsFor('apps/police/src/arrests/x/x.service.ts')).toContain('no-restricted-syntax');
  });

  it('is refused in an immigration service and in the police config', async () => {
    expect(await ruleIdsFor('apps/immigration/src/screening/x/x.service.ts')).toContain(
      'no-restricted-syntax',
    );
    expect(await ruleIdsFor('apps/immigration/src/deployment/x.ts')).toContain('no-restricted-syntax');
    expect(await ruleIdsFor('apps/police/src/config/police-units.ts')).toContain('no-restricted-syntax');
  });

  it('is allowed in libs/http, the HTTP edge itself', async () => {
    expect(await ruleIdsFor('libs/http/src/errors/x.filter.ts')).not.toContain('no-restricted-syntax');
  });

  it('is allowed in a controller', async () => {
    expect(await ruleIdsFor('apps/ministry/src/watchlist/x/x.http.controller.ts')).not.toContain(
      'no-restricted-syntax',
    );
    expect(await ruleIdsFor('apps/immigration/src/screening/x/x.http.controller.ts')).not.toContain(
      'no-restricted-syntax',
    );
  });
});
