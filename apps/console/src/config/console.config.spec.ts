import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@simpul/http';
import { loadConsoleConfig } from './console.config.js';

/** The ConfigError a bad environment raises (fails the test when none is raised). */
function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConsoleConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe("the console's configuration", () => {
  it('defaults to the local ports of the three services, on 127.0.0.1:3100', () => {
    const config = loadConsoleConfig({});
    expect(config).toMatchObject({
      CONSOLE_PORT: 3100,
      CONSOLE_HOST: '127.0.0.1',
      CONSOLE_POLICE_URL: 'http://127.0.0.1:3101',
      CONSOLE_MINISTRY_URL: 'http://127.0.0.1:3102',
      CONSOLE_IMMIGRATION_URL: 'http://127.0.0.1:3103',
    });
    expect(config.CONSOLE_CHECKPOINT_URLS).toBeUndefined();
    expect(config.CONSOLE_WEB_DIR).toBeUndefined();
  });

  it('reads every variable, the port as a number, and reads nothing but its own variables', () => {
    const config = loadConsoleConfig({
      CONSOLE_PORT: '4100',
      CONSOLE_HOST: '0.0.0.0',
      CONSOLE_POLICE_URL: 'https://police.internal:8443',
      CONSOLE_MINISTRY_URL: 'http://ministry:3102',
      CONSOLE_IMMIGRATION_URL: 'http://immigration:3103',
      CONSOLE_CHECKPOINT_URLS: 'batam-center=http://127.0.0.1:4103,dumai=https://site-dumai:4203',
      CONSOLE_WEB_DIR: '/srv/console/web',
      PORT: '1',
    });
    expect(config).toEqual(
      expect.objectContaining({
        CONSOLE_PORT: 4100,
        CONSOLE_HOST: '0.0.0.0',
        CONSOLE_POLICE_URL: 'https://police.internal:8443',
        CONSOLE_CHECKPOINT_URLS: 'batam-center=http://127.0.0.1:4103,dumai=https://site-dumai:4203',
        CONSOLE_WEB_DIR: '/srv/console/web',
      }),
    );
    expect(config).not.toHaveProperty('PORT');
  });

  it('treats an empty variable as unset (the default applies)', () => {
    expect(loadConsoleConfig({ CONSOLE_PORT: '', CONSOLE_CHECKPOINT_URLS: '' })).toMatchObject({
      CONSOLE_PORT: 3100,
      CONSOLE_CHECKPOINT_URLS: undefined,
    });
  });

  it.each([
    ['CONSOLE_PORT', 'eighty'],
    ['CONSOLE_PORT', '0'],
    ['CONSOLE_PORT', '65536'],
    ['CONSOLE_PORT', '31.5'],
    ['CONSOLE_POLICE_URL', 'police-secret-host:3101'],
    ['CONSOLE_MINISTRY_URL', 'ftp://ministry-secret-host'],
    ['CONSOLE_IMMIGRATION_URL', 'not a url at all'],
    ['CONSOLE_CHECKPOINT_URLS', 'batam-center:http://secret-host:4103'],
    ['CONSOLE_CHECKPOINT_URLS', 'Batam=http://secret-host:4103'],
    ['CONSOLE_CHECKPOINT_URLS', 'batam-center=ftp://secret-host:4103'],
    ['CONSOLE_CHECKPOINT_URLS', 'batam-center=http://secret-host:4103,'],
    ['CONSOLE_CHECKPOINT_URLS', 'dumai=http://secret-host:4203 batam-center=http://x'],
  ])('refuses %s=%j, naming the variable and not the value', (name, value) => {
    const error = refusal({ [name]: value });
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) expect(problem).toMatch(new RegExp(`^${name}: `));
    expect(error.message).toContain(name);
    expect(error.message).not.toContain(value);
    // Not even the host part: an address is deployment detail a log need not carry.
    expect(error.message).not.toMatch(/secret-host|eighty|not a url/);
  });
});
