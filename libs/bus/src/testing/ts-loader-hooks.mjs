// Node module hooks that run the TypeScript sources of this repository directly (child processes
// of integration tests, so they exercise the current code without a build). Resolves
// `@simpul/<lib>[/testing]` to libs/<lib>/src and `./x.js` to `./x.ts`, and compiles .ts with
// @swc/core using the same settings as jest.config.js. Test support only.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve as resolvePath } from 'node:path';
import swc from '@swc/core';

const repoRoot = resolvePath(dirname(fileURLToPath(import.meta.url)), '../../../..');

export async function resolve(specifier, context, next) {
  const lib = /^@simpul\/([a-z-]+)(\/testing)?$/.exec(specifier);
  if (lib) {
    const file = join(repoRoot, 'libs', lib[1], 'src', lib[2] ? 'testing' : '', 'index.ts');
    if (existsSync(file)) return { url: pathToFileURL(file).href, shortCircuit: true };
  }
  if (
    (specifier.startsWith('.') || specifier.startsWith('/')) &&
    specifier.endsWith('.js') &&
    context.parentURL?.startsWith('file:')
  ) {
    const candidate = fileURLToPath(new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL));
    if (existsSync(candidate)) return { url: pathToFileURL(candidate).href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
