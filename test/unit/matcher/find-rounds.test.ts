import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../utils/matcher/build-index';
import { matchMentions } from '../../../utils/matcher/match-mentions';
import { calendarCueAfter } from '../../../utils/matcher/resolve-round';
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

describe('references back to the one round an article names', () => {
  it('resolves a later "the talks", "the negotiations" or "the session" nearby to the only round named', () => {
    const text = 'The third round in Muscat ended on Saturday.\nThe talks lasted four hours. During the session, aides passed notes.';
    expect(rounds(text, '2025-04-28')).toEqual(['r2025-3:The third round in Muscat', 'r2025-3:The talks', 'r2025-3:the session']);
  });

  it('keeps the talks in general before the naming, far from it, and for indefinite or story-wide phrases', () => {
    const text = 'The talks went on.\nThe third round in Muscat ended.\nIndirect talks and nuclear talks will follow.\nAn aside.\nThe talks will resume.';
    expect(rounds(text, '2025-04-28')).toEqual([
      'talks:The talks', 'r2025-3:The third round in Muscat', 'talks:Indirect talks', 'talks:nuclear talks', 'talks:The talks',
    ]);
  });

  it('keeps the talks in general when the article names several rounds or an unresolved one', () => {
    expect(rounds('The third round in Muscat ended. The second round in Rome was shorter. The talks went on.', '2025-04-28'))
      .toEqual(['r2025-3:The third round in Muscat', 'r2025-2:The second round in Rome', 'talks:The talks']);
    expect(rounds('The third round in Muscat ended. The ninth round is far off. The talks went on.', '2025-04-28'))
      .toEqual(['r2025-3:The third round in Muscat', 'talks:The ninth round', 'talks:The talks']);
  });

  it('takes "Saturday\'s talks" far from the naming only when the round fell on a Saturday', () => {
    const text = 'The third round in Muscat ended.\nAn aside.\nAnother.\n';
    expect(rounds(`${text}Saturday's talks were long.`)).toEqual(['r2025-3:The third round in Muscat', "r2025-3:Saturday's talks"]);
    expect(rounds(`${text}Friday's talks were long.`)).toEqual(['r2025-3:The third round in Muscat']);
  });
});

describe('Persian and Arabic talks with a place', () => {
  const rtlIndex = buildIndex([{ ...miniPack, talks: { ...miniPack.talks, phrases: [...miniPack.talks.phrases, 'مذاکرات', 'المفاوضات'] } }]);
  const rtl = (sentence: string, date: string) => matchMentions(rtlIndex, `${STORY}\n${sentence}`, { date })
    .filter((m) => m.kind === 'round' || m.kind === 'talks').map((m) => `${m.id}:${m.text}`);

  it('resolves "مذاکرات مسقط" (the Muscat talks) and "المفاوضات في مسقط" (talks in Muscat) like English', () => {
    expect(rtl('مذاکرات مسقط پایان یافت.', '2025-04-13')).toEqual(['r2025-1:مذاکرات مسقط']);
    expect(rtl('مذاکرات در مسقط پایان یافت.', '2025-04-13')).toEqual(['r2025-1:مذاکرات در مسقط']);
    expect(rtl('انتهت المفاوضات في مسقط.', '2025-04-13')).toEqual(['r2025-1:المفاوضات في مسقط']);
    // A place farther on is not the talks' venue.
    expect(rtl('مذاکرات پایان یافت و او به مسقط رفت.', '2025-04-13')).toEqual(['talks:مذاکرات']);
  });

  it('resolves "a new round" (Arabic "جولة جديدة") to the one round within three days of the article, not a past one in a sentence about what is to come', () => {
    expect(rtl('A new round of indirect talks opened on Friday.', '2026-02-07')).toEqual(['r2026-1:A new round of indirect talks']);
    expect(rtl('استضافت السلطنة جولة جديدة من المفاوضات غير المباشرة أمس.', '2026-02-07')).toEqual(['r2026-1:جولة جديدة من المفاوضات غير المباشرة']);
    expect(rtl('A new round of talks will be held next week.', '2026-02-08')).toEqual([]);
    expect(rtl('A new round of talks opened.', '2026-02-12')).toEqual([]);
    expect(rtl('A new round of golf opened.', '2026-02-07')).toEqual([]);
  });

  it('resolves Arabic "جولة مسقط" (the Muscat round) by venue, and a later "الجولة" (the round) as that round', () => {
    expect(rtl('وصف عراقجي جولة مسقط بأنها بداية جيدة.', '2025-04-13')).toEqual(['r2025-1:جولة مسقط']);
    expect(rtl('انتهت الجولة في مسقط أمس.', '2025-04-13')).toEqual(['r2025-1:الجولة في مسقط']);
    expect(rtl('وصف عراقجي جولة مسقط بأنها بداية جيدة. وقال إن الجولة كانت مفيدة.', '2025-04-13')).toEqual([
      'r2025-1:جولة مسقط', 'r2025-1:الجولة',
    ]);
    // Without a round named first, "الجولة" alone is nothing.
    expect(rtl('وقال إن الجولة كانت مفيدة.', '2025-04-13')).toEqual([]);
  });

  it('takes "این مذاکرات" (these talks) after the one round named as that round', () => {
    expect(rtl('مذاکرات مسقط پایان یافت. این مذاکرات سه ساعت طول کشید.', '2025-04-13')).toEqual(['r2025-1:مذاکرات مسقط', 'r2025-1:این مذاکرات']);
  });
});

describe('Persian and Arabic ordinal rounds', () => {
  const rtlIndex = buildIndex([{ ...miniPack, talks: { ...miniPack.talks, phrases: [...miniPack.talks.phrases, 'مذاکرات', 'مذاکرات غیرمستقیم', 'المفاوضات', 'المحادثات'] } }]);
  const rtl = (sentence: string, date?: string) => matchMentions(rtlIndex, `${STORY}\n${sentence}`, date ? { date } : {})
    .filter((m) => m.kind === 'round' || m.kind === 'talks').map((m) => `${m.id}:${m.text}`);

  it('resolves Persian ordinals after and before "دور" like "the second round", with the talks word and venue', () => {
    expect(rtl('دور دوم مذاکرات پایان یافت.', '2025-04-20')).toEqual(['r2025-2:دور دوم مذاکرات']);
    expect(rtl('دور سوم مذاکرات غیرمستقیم در مسقط پایان یافت.', '2025-04-27')).toEqual(['r2025-3:دور سوم مذاکرات غیرمستقیم در مسقط']);
    expect(rtl('دور چهارم روز یکشنبه برگزار شد.', '2025-05-12')).toEqual(['r2025-4:دور چهارم']);
    expect(rtl('نخستین دور مذاکرات در مسقط بود.', '2025-04-13')).toEqual(['r2025-1:نخستین دور مذاکرات در مسقط']);
    expect(rtl('دور نخست در مسقط بود و دور اول را موفق خواندند.', '2025-04-13')).toEqual(['r2025-1:دور نخست در مسقط', 'r2025-1:دور اول']);
    // Persian digits are folded to ASCII ones.
    expect(rtl('دور ۲ مذاکرات پایان یافت.', '2025-04-20')).toEqual(['r2025-2:دور ۲ مذاکرات']);
    // The article's date picks the track, as in English: the second round of 2026 was in Geneva.
    expect(rtl('دور دوم مذاکرات پایان یافت.', '2026-02-18')).toEqual(['r2026-2:دور دوم مذاکرات']);
  });

  it('resolves Arabic "الجولة الثانية" and its other word orders, clitics included', () => {
    expect(rtl('انتهت الجولة الثانية من المحادثات.', '2025-04-20')).toEqual(['r2025-2:الجولة الثانية من المحادثات']);
    expect(rtl('وبدأت الجولة الثالثة من المفاوضات في مسقط.', '2025-04-27')).toEqual(['r2025-3:الجولة الثالثة من المفاوضات في مسقط']);
    expect(rtl('وقال إن جولة المفاوضات الرابعة انتهت.', '2025-05-12')).toEqual(['r2025-4:جولة المفاوضات الرابعة']);
    expect(rtl('كانت أول جولة في مسقط.', '2025-04-13')).toEqual(['r2025-1:أول جولة في مسقط']);
    // "و" (and) is left out of the mark, as for names; "ال" is part of the word.
    expect(rtl('والجولة الأولى كانت في مسقط.', '2025-04-13')).toEqual(['r2025-1:الجولة الأولى']);
  });

  it('keeps an unresolved ordinal as the talks in general, like English', () => {
    expect(rtl('دور دوم مذاکرات پایان یافت.')).toEqual(['talks:دور دوم مذاکرات']);
  });

  it('marks no "دور" or "جولة" without an ordinal, nor an election round', () => {
    expect(rtl('او دور از خانه بود و دور میز نشستند.', '2025-04-20')).toEqual([]);
    expect(rtl('دور دوم انتخابات برگزار شد.', '2025-04-20')).toEqual([]);
    expect(rtl('وصف مصدر دور الوسيط بأنه حاسم، وقام بجولة في المنطقة.', '2025-04-20')).toEqual([]);
    // An ordinal elsewhere in the sentence, or a number that is no ordinal, does not make a round.
    expect(rtl('دور میز دوم نشستند و دور 2025 را به یاد آوردند.', '2025-04-20')).toEqual([]);
    expect(rtl('الدور الثاني من البطولة.', '2025-04-20')).toEqual([]);
  });

  it('does not take a party right after the talks word for the venue', () => {
    expect(rtl('دور دوم مذاکرات غیرمستقیم مسقط و واشنگتن پایان یافت.', '2025-04-20')).toEqual(['r2025-2:دور دوم مذاکرات غیرمستقیم']);
  });
});

describe('a date named right after a round phrase', () => {
  it('reads day, month and year in the usual orders, and only right after the phrase', () => {
    const cue = (tail: string) => calendarCueAfter(`the round${tail}`, 'the round'.length);
    expect(cue(' on 12 april 2025 ended')).toEqual({ day: 12, month: 4, year: 2025 });
    expect(cue(', on april 12, 2025, ended')).toEqual({ day: 12, month: 4, year: 2025 });
    expect(cue(' (17 february) ended')).toEqual({ day: 17, month: 2 });
    expect(cue(' in april 2025')).toEqual({ month: 4, year: 2025 });
    expect(cue(' of 2025')).toEqual({ year: 2025 });
    expect(cue(', in muscat on 12 april 2025,')).toEqual({ day: 12, month: 4, year: 2025 });
    expect(cue(' in muscat, ended')).toBeUndefined();
    expect(cue(' ended in 2025')).toBeUndefined();
    expect(cue(' on 12 apricots')).toBeUndefined();
    expect(cue(' in 1999')).toBeUndefined();
  });

  it('outranks the article date: an earlier round of the same number or venue', () => {
    // Written in 2026: without the date, "the first round" and "the Geneva round" are the latest such rounds.
    expect(rounds('The first round, in Muscat on 12 April 2025, was short.', '2026-06-01')).toEqual(['r2025-1:The first round']);
    expect(rounds('The first round was short.', '2026-06-01')).toEqual(['r2026-islamabad-1:The first round']);
    expect(rounds('The Geneva round on 17 February was calm.', '2026-03-10')).toEqual(['r2026-2:The Geneva round']);
    expect(rounds('The Geneva round was calm.', '2026-03-10')).toEqual(['r2026-3:The Geneva round']);
    expect(rounds('The second round in 2025 was in Rome.', '2026-06-01')).toEqual(['r2025-2:The second round']);
  });

  it('is ignored when it fits no round of that number or venue', () => {
    expect(rounds('The Geneva round on 3 March was calm.', '2026-03-10')).toEqual(['r2026-3:The Geneva round']);
  });

  it('reads coordinated ordinals sharing one "rounds", one mark per round, the venue after it applying to each', () => {
    expect(rounds('Rome hosted the second and fifth rounds.', '2025-06-01')).toEqual(['r2025-2:the second', 'r2025-5:fifth rounds']);
    expect(rounds('Muscat hosted the first, third and fourth rounds of talks.', '2025-06-01')).toEqual([
      'r2025-1:the first', 'r2025-3:third', 'r2025-4:fourth rounds of talks',
    ]);
    expect(rounds('The second and third rounds in Geneva were tense.', '2026-03-01')).toEqual(['r2026-2:The second', 'r2026-3:third rounds in Geneva']);
    expect(rounds('The first and second rounds of golf were rained off.', '2025-06-01')).toEqual([]);
  });

  it('reads "the fifth" as a round of the same series when an ordinal round was just named, and not otherwise', () => {
    // Dated 2026: "the fourth round" can only be 2025's, so "the fifth" is 2025's fifth, not a 2026 round.
    expect(rounds('The fourth round was difficult; the fifth made some progress.', '2026-06-24')).toEqual([
      'r2025-4:The fourth round', 'r2025-5:the fifth',
    ]);
    expect(rounds('The first round ended in Muscat. After the second, in Rome, both sides were upbeat.', '2025-05-01')).toEqual([
      'r2025-1:The first round', 'r2025-2:the second',
    ]);
    // A noun after the ordinal: it counts something else.
    expect(rounds('The fourth round ended. On the fifth day, nothing moved.', '2025-06-01')).toEqual(['r2025-4:The fourth round']);
    // No ordinal round named before it in this paragraph or the one before.
    expect(rounds('The fifth was the best, said the coach.', '2025-06-01')).toEqual([]);
    expect(rounds('The fourth round ended.\nA paragraph.\nAnother one.\nThe fifth was calmer.', '2025-06-01')).toEqual(['r2025-4:The fourth round']);
  });

  it('reads "the previous round" and "the next round" from the nearest round named before, in the same series', () => {
    expect(rounds('The third round in Geneva opened. Grossi last met Araghchi on the eve of the previous round.', '2026-02-26')).toEqual([
      'r2026-3:The third round in Geneva', 'r2026-2:the previous round',
    ]);
    expect(rounds('The first round ended in Muscat; the next round is due in Rome.', '2025-04-13')).toEqual([
      'r2025-1:The first round', 'r2025-2:the next round',
    ]);
    // Nothing named before it, or nothing after the last round of a series.
    expect(rounds('The previous round was calmer.', '2026-02-26')).toEqual([]);
    expect(rounds('The sixth round was cancelled; the next round never came.', '2025-06-20')).toEqual(['r2025-6:The sixth round']);
  });
});

