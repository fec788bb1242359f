import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Expose } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ConfigError, loadConfig } from './load-config.js';

class ExampleConfig {
  @Expose() @IsInt() @Min(1) @Max(65535) EXAMPLE_PORT: number = 3100;
  @Expose() @IsString() EXAMPLE_NAME: string = 'default';
}

describe('loadConfig', () => {
  it('uses defaults for unset or empty variables', () => {
    expect(loadConfig(ExampleConfig, { EXAMPLE_NAME: '' })).toEqual({
      EXAMPLE_PORT: 3100,
      EXAMPLE_NAME: 'default',
    });
  });

  // Regression: without an explicit type annotation the string '40000' was never converted.
  it('converts numeric strings to numbers', () => {
    expect(loadConfig(ExampleConfig, { EXAMPLE_PORT: '40000' }).EXAMPLE_PORT).toBe(40000);
  });

  it('ignores unrelated variables', () => {
    expect(loadConfig(ExampleConfig, { PATH: '/usr/bin' })).not.toHaveProperty('PATH');
  });

  it('names the variable and the rule but never the value', () => {
    let error: unknown;
    try {
      loadConfig(ExampleConfig, { EXAMPLE_PORT: 'secret-looking-value' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toContain('EXAMPLE_PORT: fails rule isInt');
    expect((error as Error).message).not.toContain('secret-looking-value');
  });
});
