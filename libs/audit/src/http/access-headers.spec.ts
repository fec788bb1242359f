import { describe, expect, it } from '@jest/globals';
import { ValidationFailed } from '@simpul/http';
import { accessFromHeaders, accessProblems } from './access-headers.js';

describe('accessFromHeaders', () => {
  it('gives the trimmed official and purpose', () => {
    expect(accessFromHeaders({ 'simpul-official': ' NIP 1987 ', 'simpul-purpose': 'case_handling' })).toEqual(
      {
        official: 'NIP 1987',
        purpose: 'case_handling',
      },
    );
  });

  it('answers 400 naming each missing or malformed header, never its value', () => {
    let error: unknown;
    try {
      accessFromHeaders({ 'simpul-purpose': 'Reading Siti Aminah' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationFailed);
    const body = { code: (error as ValidationFailed).code, details: (error as ValidationFailed).details };
    expect(body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { path: 'header:Simpul-Official', rule: 'required' },
        { path: 'header:Simpul-Purpose', rule: 'format' },
      ],
    });
    expect(JSON.stringify(body)).not.toContain('Siti');
  });

  it('refuses control characters and over-long officials, and names query parameters when asked', () => {
    expect(accessProblems('a\nb', 'x')).toEqual([expect.objectContaining({ rule: 'format' })]);
    expect(accessProblems('a'.repeat(201), 'x')).toEqual([expect.objectContaining({ rule: 'format' })]);
    expect(accessProblems('a', undefined, { official: 'official', purpose: 'purpose' })).toEqual([
      expect.objectContaining({ path: 'purpose', rule: 'required' }),
    ]);
  });
});
