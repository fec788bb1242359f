import { LauncherError } from './install.js';
import { topologyFromArgs } from './topology-choice.js';

describe('topologyFromArgs', () => {
  it('is single by default', () => {
    expect(topologyFromArgs([])).toBe('single');
    expect(topologyFromArgs(['--once'])).toBe('single');
  });

  it('reads --topology national and --topology=national', () => {
    expect(topologyFromArgs(['--topology', 'national'])).toBe('national');
    expect(topologyFromArgs(['--once', '--topology=national'])).toBe('national');
    expect(topologyFromArgs(['--topology', 'single'])).toBe('single');
  });

  it('refuses anything else, naming the choices', () => {
    expect(() => topologyFromArgs(['--topology', 'mesh'])).toThrow(LauncherError);
    expect(() => topologyFromArgs(['--topology'])).toThrow(
      '--topology must be single or national (got nothing)',
    );
  });
});
