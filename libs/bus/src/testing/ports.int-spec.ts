// Regression (CI of 2026-12-02): a national stack picked twenty-odd ports before starting anything,
// the OS handed a just-closed port out twice, and another service answered on the ministry's port.
import { expect, it } from '@jest/globals';
import { freePort } from './ports.js';

it('never hands out the same port twice in one process, even when the OS would', async () => {
  const ports: number[] = [];
  for (let i = 0; i < 300; i++) ports.push(await freePort());
  expect(new Set(ports).size).toBe(ports.length);
  expect(ports.every((p) => p > 0 && p < 65536)).toBe(true);
});
