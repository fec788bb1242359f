import { describe, expect, it } from '@jest/globals';
import { parseCheckpointUrls, upstreamFor, type Upstreams } from './upstreams.js';

const upstreams: Upstreams = {
  police: 'http://police:3101',
  ministry: 'http://ministry:3102/',
  immigration: 'http://immigration:3103',
  checkpoints: { dumai: 'http://site-dumai:4103' },
};

describe("the console's routes to the services", () => {
  it('sends each service its own versioned API, with the query', () => {
    expect(upstreamFor('/api/police/v1/arrests?limit=20&before=x', upstreams)).toEqual({
      base: 'http://police:3101',
      path: '/v1/arrests?limit=20&before=x',
    });
    expect(upstreamFor('/api/ministry/v1/alerts/stream', upstreams)).toEqual({
      base: 'http://ministry:3102',
      path: '/v1/alerts/stream',
    });
  });

  it("sends a checkpoint to its site's immigration deployment, or to the default one", () => {
    expect(upstreamFor('/api/immigration/dumai/v1/screenings', upstreams)?.base).toBe(
      'http://site-dumai:4103',
    );
    expect(upstreamFor('/api/immigration/batam-center/v1/screenings', upstreams)).toEqual({
      base: 'http://immigration:3103',
      path: '/v1/screenings',
    });
    expect(upstreamFor('/api/immigration/dumai/v1/replica/status?x=1', upstreams)).toEqual({
      base: 'http://site-dumai:4103',
      path: '/v1/replica/status?x=1',
    });
  });

  it('keeps the query as it is: only the path decides where a request goes', () => {
    expect(upstreamFor('/api/police/v1/arrests?before=../../health&q=%2e%2e', upstreams)).toEqual({
      base: 'http://police:3101',
      path: '/v1/arrests?before=../../health&q=%2e%2e',
    });
  });

  it('takes checkpoint codes of up to 64 lower-case letters, digits and hyphens', () => {
    expect(upstreamFor(`/api/immigration/${'a'.repeat(64)}/v1/screenings`, upstreams)?.base).toBe(
      'http://immigration:3103',
    );
    expect(upstreamFor(`/api/immigration/${'a'.repeat(65)}/v1/screenings`, upstreams)).toBeUndefined();
  });

  it.each([
    '/api',
    '/api/',
    '/api/police',
    '/api/police/health',
    '/api/police/metrics',
    '/api/police/docs',
    '/api/unknown/v1/x',
    '/api/police/v1',
    '/api/police/v1/../health',
    '/api/police/v1/./arrests',
    '/api/police/v1/%2e%2e/health',
    '/api/police/v1/a%2Fb',
    '/api/police/v1/a%2fb',
    '/api/police/v1/%2E%2E/health',
    '/api/police/v1/%2e%2e%2fhealth',
    '/api/police/v1/arrests/..',
    '/api/police/v1/arrests/../../metrics',
    '/api/police/v1/..?x=1',
    '/api/police/v1/a%5cb',
    '/api/police/v1/a\\b',
    '/api/police/v1/arrests/',
    '/api/police/v2/arrests',
    '/api/police/arrests',
    '/apix/police/v1/arrests',
    '/api/ministry',
    '/api/immigration',
    '/api/immigration/dumai',
    '/api/immigration/dumai/v1',
    '/api/immigration/dumai/health',
    '/api/immigration/batam_center/v1/screenings',
    '/api/immigration/%2e%2e/v1/screenings',
    '/api/police/v1//arrests',
    '/api/immigration/v1/screenings',
    '/api/immigration/Batam/v1/screenings',
    '/api/immigration/../v1/x',
    '/other/v1/x',
  ])('answers nothing for %s', (url) => {
    expect(upstreamFor(url, upstreams)).toBeUndefined();
  });
});

describe('CONSOLE_CHECKPOINT_URLS', () => {
  it('reads code=url pairs', () => {
    expect(parseCheckpointUrls('batam-center=http://a:1,dumai=https://b:2/x')).toEqual({
      'batam-center': 'http://a:1',
      dumai: 'https://b:2/x',
    });
    expect(parseCheckpointUrls('dumai=http://b:2')).toEqual({ dumai: 'http://b:2' });
    expect(parseCheckpointUrls(undefined)).toEqual({});
    expect(parseCheckpointUrls('')).toEqual({});
  });
});
