// The repository explains itself (docs/conventions.md §13, §20): every command the README and docs
// name exists, every document a comment cites is in the repository, the ADR index lists every ADR,
// and nothing points outside the repository.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usage } from '@simpul/cli';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.git', '.simpul', 'coverage']);

function walk(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path, keep);
    return keep(path) ? [path] : [];
  });
}

const docs = walk(ROOT, (path) => path.endsWith('.md'));
const sources = ['apps', 'libs', 'deploy', 'test', 'scripts'].flatMap((dir) =>
  walk(join(ROOT, dir), (path) => /\.(ts|mjs|js|sh|yaml|json)$/.test(path)),
);
const rootFiles = ['.env.example', 'eslint.config.js', 'jest.config.js', 'package.json'].map((f) =>
  join(ROOT, f),
);
const read = (path: string) => readFileSync(path, 'utf8');
const rel = (path: string) => relative(ROOT, path);

describe('the repository explains itself', () => {
  it('names only npm scripts that exist', () => {
    const scripts = Object.keys(
      (JSON.parse(read(join(ROOT, 'package.json'))) as { scripts: object }).scripts,
    );
    const named = docs.flatMap((doc) =>
      [...read(doc).matchAll(/npm run ([a-z][a-z0-9:-]*[a-z0-9])(?![a-z0-9:*-])/g)].map((m) => ({
        doc: rel(doc),
        script: m[1],
      })),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter(({ script }) => !scripts.includes(script!))).toEqual([]);
  });

  it('names only simpul commands that exist', () => {
    const commands = [...usage().matchAll(/^ {2}simpul ([a-z]+)/gm)].map((m) => m[1]);
    expect(commands).toContain('deadletters');
    const named = docs.flatMap((doc) =>
      [...read(doc).matchAll(/npx simpul ([a-z][a-z-]*)/g)].map((m) => ({ doc: rel(doc), command: m[1] })),
    );
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter(({ command }) => !commands.includes(command!))).toEqual([]);
  });

  it('cites only documents and sections that are in the repository', () => {
    const cited = [...sources, ...rootFiles, ...docs].flatMap((file) =>
      [...read(file).matchAll(/\bdocs\/([a-z0-9./-]+\.md)(?: ?§ ?(\d+))?/g)].map((m) => ({
        file: rel(file),
        doc: `docs/${m[1]}`,
        section: m[2],
      })),
    );
    expect(cited.length).toBeGreaterThan(50);
    const missing = cited.filter(({ doc }) => !existsSync(join(ROOT, doc)));
    expect(missing).toEqual([]);
    const noSection = cited.filter(
      ({ doc, section }) =>
        section !== undefined &&
        !new RegExp(`^#+ §${section} |^${section}\\. `, 'm').test(read(join(ROOT, doc))),
    );
    expect(noSection).toEqual([]);
  });

  it('lists every ADR in the index', () => {
    const index = read(join(ROOT, 'docs', 'adr', 'README.md'));
    const adrs = readdirSync(join(ROOT, 'docs', 'adr')).filter((name) => /^\d{4}-.*\.md$/.test(name));
    expect(adrs.length).toBeGreaterThanOrEqual(7);
    expect(adrs.filter((name) => !index.includes(`(${name})`))).toEqual([]);
  });

  it('points nowhere outside the repository', () => {
    // Built from parts so this file does not match itself.
    const outside = new RegExp(
      [
        '\\.\\./' + 'shared/(docs|data)',
        "'\\.\\.', *'" + "shared'",
        '(DESIGN|DOMAIN|CONVENTIONS)' + '\\.md',
      ].join('|'),
    );
    const offenders = [...sources, ...rootFiles, ...docs].filter((file) => outside.test(read(file))).map(rel);
    expect(offenders).toEqual([]);
  });
});
