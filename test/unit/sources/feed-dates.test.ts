// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../utils/sources/feed-dates';

describe('parseFeedDate', () => {
  it.each([
    ['Fri, 06 Feb 2026 09:30:00 +0330', '2026-02-06T06:00:00.000Z'],
    ['Fri, 06 Feb 2026 09:30:00 GMT', '2026-02-06T09:30:00.000Z'],
    ['06 Feb 2026 09:30 EST', '2026-02-06T14:30:00.000Z'],
    ['Friday, 6 February 2026 09:30:00 IRST', '2026-02-06T06:00:00.000Z'],
    ['Fri, 06 Feb 26 09:30:00 +0000', '2026-02-06T09:30:00.000Z'],
    ['Fri, 6 Feb 2026 9:30:00 +03:30', '2026-02-06T06:00:00.000Z'],
    ['2026-02-17T16:00:00Z', '2026-02-17T16:00:00.000Z'],
    ['2026-04-02T08:15:00+04:30', '2026-04-02T03:45:00.000Z'],
    ['2026-04-02T08:15:00.123-05:00', '2026-04-02T13:15:00.000Z'],
    ['2026-04-02', '2026-04-02T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseFeedDate(text)).toBe(iso);
  });

  it.each(['', 'yesterday', '2026-13-01T00:00:00Z', 'Fri, 32 Feb 2026 09:30:00 GMT', 'Fri, 06 Foo 2026 09:30:00 GMT', '0001-01-01T00:00:00Z', '9999-12-31T00:00:00Z'])(
    'rejects %j',
    (text) => {
      expect(parseFeedDate(text)).toBeUndefined();
    },
  );
});
