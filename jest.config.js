// Three test tiers by file name (docs/conventions.md §10):
//   unit  *.spec.ts      no I/O, next to the code
//   int   *.int-spec.ts  real PostgreSQL and a nats-server of the test file's own
//   e2e   test/e2e/*.e2e-spec.ts  black box over HTTP and NATS
// ESM throughout: run with NODE_OPTIONS=--experimental-vm-modules (see package.json scripts).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

// The console's pages (*.tsx) with the same options, JSX by React's automatic runtime: unit tests
// import the pure functions that sit beside a page's component.
const swcTsx = [
  swc[0],
  {
    ...swc[1],
    jsc: {
      ...swc[1].jsc,
      parser: { ...swc[1].jsc.parser, tsx: true },
      transform: { ...swc[1].jsc.transform, react: { runtime: 'automatic' } },
    },
  },
];

const common = {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.tsx$': swcTsx },
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: {
    '^@simpul/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@simpul/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@simpul/bus/(operator|dev)$': '<rootDir>/libs/bus/src/$1/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test,deploy}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,test,deploy}/**/*.int-spec.ts'],
      slowTestThreshold: 30,
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      slowTestThreshold: 60,
    },
  ],
};
