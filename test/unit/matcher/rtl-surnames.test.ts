/**
 * Bare surnames in Persian and Arabic script behave as the pack's Latin bare surnames do: plain ones are marked on a
 * story page, ambiguous ones only when the page resolves them (full name earlier, story names nearby, the date
 * between namesakes). Runs on the bundled pack, whose aliases these are.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../utils/matcher/build-index';
import { matchMentions } from '../../../utils/matcher/match-mentions';
import type { StoryPack } from '../../../utils/model/pack';

const pack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;
const index = buildIndex([pack]);

/** The entity ids marked in the last paragraph, after a story paragraph that makes the page relevant. */
function marked(story: string, paragraph: string, date = '2025-05-12'): string[] {
  const text = `${story}\n${paragraph}`;
  return matchMentions(index, text, { date }).filter((m) => m.start > story.length && m.kind !== 'talks' && m.kind !== 'round').map((m) => `${m.id}:${m.text}`);
}

const FA_STORY = 'مذاکرات هسته‌ای ایران و آمریکا ادامه دارد.';
const AR_STORY = 'تستمر المفاوضات النووية بين إيران والولايات المتحدة.';
const EN_STORY = 'The nuclear talks between Iran and the US go on.';

describe('Persian and Arabic bare surnames', () => {
  it('marks plain bare surnames as their Latin counterparts are marked', () => {
    expect(marked(FA_STORY, 'گروسی گفت بازرسان بازمی‌گردند.')).toEqual(['rafael-grossi:گروسی']);
    expect(marked(AR_STORY, 'وقال غروسي إن المفتشين سيعودون.')).toEqual(['rafael-grossi:غروسي']);
    expect(marked(EN_STORY, 'Grossi said inspectors would return.')).toEqual(['rafael-grossi:Grossi']);
    expect(marked(FA_STORY, 'بقایی گفت تخت روانچی و شمخانی هم حضور داشتند.')).toEqual([
      'esmaeil-baghaei:بقایی', 'majid-takht-ravanchi:تخت روانچی', 'ali-shamkhani:شمخانی',
    ]);
    // Arabic spellings (ي, ئ, clitic و) fold onto the same aliases.
    expect(marked(AR_STORY, 'وقال بقائي إن عراقجي وويتكوف ولاريجاني التقوا.')).toEqual([
      'esmaeil-baghaei:بقائي', 'abbas-araghchi:عراقجي', 'steve-witkoff:ويتكوف', 'ali-larijani:لاريجاني',
    ]);
    expect(marked(FA_STORY, 'روبیو، لیویت و گابارد درباره ویتکاف سخن گفتند.')).toEqual([
      'marco-rubio:روبیو', 'karoline-leavitt:لیویت', 'tulsi-gabbard:گابارد', 'steve-witkoff:ویتکاف',
    ]);
  });

  it('leaves an ambiguous bare surname unmarked without context, as in English', () => {
    expect(marked(FA_STORY, 'لاریجانی به سفر رفت.')).toEqual([]);
    expect(marked(EN_STORY, 'Larijani went on a trip.')).toEqual([]);
    expect(marked(AR_STORY, 'سافر كوبر إلى المنطقة.')).toEqual([]);
    expect(marked(FA_STORY, 'آنتون به سفر رفت.')).toEqual([]);
  });

  it('marks an ambiguous bare surname after the full name, or with story names in its paragraph', () => {
    expect(marked(FA_STORY, 'علی لاریجانی سخن گفت. لاریجانی افزود که مذاکرات ادامه دارد.')).toEqual([
      'ali-larijani:علی لاریجانی', 'ali-larijani:لاریجانی',
    ]);
    expect(marked(FA_STORY, 'احمدیان با عراقچی و ویتکوف دیدار کرد.')).toEqual([
      'ali-akbar-ahmadian:احمدیان', 'abbas-araghchi:عراقچی', 'steve-witkoff:ویتکوف',
    ]);
    expect(marked(AR_STORY, 'التقى كوبر بعراقجي وويتكوف.')).toEqual(['brad-cooper:كوبر', 'abbas-araghchi:عراقجي', 'steve-witkoff:ويتكوف']);
  });

  it('picks the Khamenei in office on the article date, and never another of the family', () => {
    const names = 'عراقچی و ویتکوف در مسقط بودند.';
    expect(marked(FA_STORY, `خامنه‌ای گفت ${names}`, '2025-05-12')).toEqual(['ali-khamenei:خامنه‌ای', 'abbas-araghchi:عراقچی', 'steve-witkoff:ویتکوف', 'muscat:مسقط']);
    expect(marked(FA_STORY, `خامنه‌ای گفت ${names}`, '2026-04-12')).toEqual(['mojtaba-khamenei:خامنه‌ای', 'abbas-araghchi:عراقچی', 'steve-witkoff:ویتکوف', 'muscat:مسقط']);
    expect(marked(AR_STORY, 'وقال خامنئي إن عراقجي وويتكوف في مسقط.', '2025-05-12')[0]).toBe('ali-khamenei:خامنئي');
    expect(marked(FA_STORY, `هادی خامنه‌ای گفت ${names}`, '2025-05-12')).toEqual(['abbas-araghchi:عراقچی', 'steve-witkoff:ویتکوف', 'muscat:مسقط']);
  });
});
