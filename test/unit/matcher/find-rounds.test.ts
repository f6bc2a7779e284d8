import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../utils/matcher/build-index';
import { matchMentions } from '../../../utils/matcher/match-mentions';
import { miniPack } from './mini-pack';

const index = buildIndex([miniPack]);
const STORY = 'Abbas Araghchi and Steve Witkoff met.';

function rounds(sentence: string, date?: string): string[] {
  return matchMentions(index, `${STORY}\n${sentence}`, date ? { date } : {})
    .filter((m) => m.kind === 'round' || m.kind === 'talks')
    .map((m) => `${m.id}:${m.text}`);
}

describe('talks and rounds', () => {
  it('resolves "the second round in Geneva" on 2026-02-18 to r2026-2', () => {
    expect(rounds('The second round in Geneva ended.', '2026-02-18')).toEqual(['r2026-2:The second round in Geneva']);
  });

  it('resolves "the second round" on 2025-04-20 to r2025-2', () => {
    expect(rounds('Officials called the second round useful.', '2025-04-20')).toEqual(['r2025-2:the second round']);
  });

  it('resolves "talks in Geneva on Thursday" on 2026-02-27 to the Thursday round', () => {
    expect(rounds('They held talks in Geneva on Thursday.', '2026-02-27')).toEqual(['r2026-3:talks in Geneva']);
  });

  it('reads ordinals a few words before "round" and numbers after it, and nothing inside other words', () => {
    expect(rounds('The second and final indirect round ended.', '2025-04-20')).toEqual(['r2025-2:The second and final indirect round']);
    expect(rounds('Round two ended.', '2025-04-20')).toEqual(['r2025-2:Round two']);
    expect(rounds('Round 2 ended.', '2025-04-20')).toEqual(['r2025-2:Round 2']);
    expect(rounds('The 2nd round ended.', '2025-04-20')).toEqual(['r2025-2:The 2nd round']);
    expect(rounds('Firstly, a round of applause; rounds of golf all around.', '2025-04-20')).toEqual([]);
  });

  it('resolves a round named by when it was, relative to the article date, only when one round fits', () => {
    // 2025-04-27 is a Sunday: last week ran 14–20 April (round 2 on the 19th; round 3 on the 26th is this week).
    expect(rounds("Last week's round was held in Rome.", '2025-04-27')).toEqual(["r2025-2:Last week's round"]);
    expect(rounds("This week's talks ended without a text.", '2025-04-27')).toEqual(["r2025-3:This week's talks"]);
    expect(rounds("Yesterday's talks were long.", '2025-04-27')).toEqual(["r2025-3:Yesterday's talks"]);
    expect(rounds("Saturday's session was long.", '2025-04-27')).toEqual(["r2025-3:Saturday's session"]);
    // No round in the window, or no date to count from: nothing resolved.
    expect(rounds("Tomorrow's talks may slip.", '2025-04-27').filter((r) => r.startsWith('r'))).toEqual([]);
    expect(rounds("Last week's round was held in Rome.").filter((r) => r.startsWith('r'))).toEqual([]);
  });

  it('resolves "the fourth round in Muscat" by ordinal and venue', () => {
    expect(rounds('The fourth round in Muscat lasted three hours.', '2025-05-12')).toEqual(['r2025-4:The fourth round in Muscat']);
  });

  it('resolves "the Islamabad talks" by venue and date', () => {
    expect(rounds('The Islamabad talks ended without a deal.', '2026-04-12')).toEqual(['r2026-islamabad-1:The Islamabad talks']);
  });

  it('resolves "indirect talks in Oman" to the latest Oman round before the date', () => {
    expect(rounds('They agreed to indirect talks in Oman.', '2026-02-07')).toEqual(['r2026-1:indirect talks in Oman']);
  });

  it('falls back to the talks in general when the round is unclear', () => {
    expect(rounds('Officials called the second round useful.')).toEqual(['talks:the second round']);
    expect(rounds('Nuclear negotiations continue.')).toEqual(['talks:Nuclear negotiations']);
  });

  it('ignores rounds that are only planned far after the article date', () => {
    expect(rounds('The third round in Geneva is expected.', '2025-04-20')).toEqual(['talks:The third round in Geneva']);
  });
});

describe('round resolution details', () => {
  it('takes the nearest round on the named weekday, even one a day ahead', () => {
    expect(rounds('Talks in Muscat on Sunday will go ahead.', '2025-05-10')).toEqual(['r2025-4:Talks in Muscat']);
    expect(rounds('Talks in Muscat on Saturday were useful.', '2025-04-27')).toEqual(['r2025-3:Talks in Muscat']);
  });

  it('uses the closest weekday that fits a round when a sentence names two', () => {
    expect(rounds('Experts meet on Wednesday, and the third round in Muscat is due next Saturday.', '2025-04-20'))
      .toEqual(['r2025-3:the third round in Muscat']);
  });
});
