import { LauncherError } from './install.js';

export type TopologyName = 'single' | 'national';

/**
 * `--topology single|national` of `start:all` and `demo` (docs/contract.md §11): the single-server
 * run stays the default; anything else is refused with the choices.
 */
export function topologyFromArgs(argv: readonly string[]): TopologyName {
  const index = argv.findIndex((a) => a === '--topology' || a.startsWith('--topology='));
  if (index < 0) return 'single';
  const value = argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  if (value === 'single' || value === 'national') return value;
  throw new LauncherError(`--topology must be single or national (got ${value ? `'${value}'` : 'nothing'})`);
}
