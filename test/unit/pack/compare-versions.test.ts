import { expect, it } from 'vitest';
import { compareVersions } from '@/utils/pack/compare-versions';

it.each([
  ['1.0.0', '1.0.0', 0],
  ['1.0.0', '1.0.1', -1],
  ['1.10.0', '1.9.9', 1],
  ['2.0.0', '10.0.0', -1],
  ['1.0.0-rc.1', '1.0.0', -1],
  ['1.0.0', '1.0.0-rc.1', 1],
  ['1.0.0-alpha', '1.0.0-beta', -1],
  ['1.0.0+build.5', '1.0.0+build.7', 0],
])('compareVersions(%s, %s) = %i', (a, b, expected) => {
  expect(compareVersions(a, b)).toBe(expected);
});
