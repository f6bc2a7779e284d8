import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../utils/matcher/build-index';
import { matchMentions } from '../../../utils/matcher/match-mentions';
import type { Mention, ScanContext } from '../../../utils/model/mention';
import { miniPack } from './mini-pack';

const index = buildIndex([miniPack]);
/** A paragraph that makes any page relevant, so each test can focus on one rule. */
const STORY = 'Abbas Araghchi and Steve Witkoff held the nuclear talks.';

function scan(text: string, context: ScanContext = {}): Mention[] {
  return matchMentions(index, text, context);
}
function ids(text: string, context: ScanContext = {}): string[] {
  return scan(text, context).map((m) => `${m.id}:${m.text}`);
}

describe('matchMentions: boundaries and spelling', () => {
  it('returns UTF-16 offsets into the original text with the original substring and a label', () => {
    const text = `${STORY}\nAraghchi\u00A0\u00A0spoke.`;
    const m = scan(text).find((x) => x.start > STORY.length)!;
    expect(m).toMatchObject({ id: 'abbas-araghchi', kind: 'person', label: 'Abbas Araghchi', text: 'Araghchi' });
    expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('never matches inside a longer word (Oman/woman, Iran/Tirana, Trump/trumped)', () => {
    const got = ids(`${STORY}\nA woman from Tirana trumped the Iranian rules. Oman, Iran and Trump did not.`);
    expect(got).toContain('oman:Oman');
    expect(got).toContain('iran:Iran');
    expect(got).toContain('donald-trump:Trump');
    expect(got.filter((g) => g.startsWith('oman:') || g.startsWith('iran:') || g.startsWith('donald-trump:'))).toHaveLength(3);
  });

  it('matches possessives with straight and curly apostrophes', () => {
    const got = ids(`${STORY}\nAraghchi's aide and Witkoff’s plane.`);
    expect(got).toContain("abbas-araghchi:Araghchi");
    expect(got).toContain('steve-witkoff:Witkoff');
    expect(got.filter((g) => g.startsWith('abbas-araghchi'))).toHaveLength(2);
  });

  it('prefers the leftmost-longest alias', () => {
    const got = ids(`${STORY}\nBadr al-Busaidi spoke.`);
    expect(got).toContain('badr-albusaidi:Badr al-Busaidi');
  });

  it('matches case-sensitive aliases only in their exact case', () => {
    const got = ids(`${STORY}\nThe IAEA said the US team and us agreed; iaea staff too.`);
    expect(got).toContain('iaea:IAEA');
    expect(got).toContain('us:US');
    expect(got).not.toContain('us:us');
    expect(got).not.toContain('iaea:iaea');
  });

  it('matches across NBSP, line-internal whitespace runs and diacritics', () => {
    const got = ids(`${STORY}\nAbbas\u00A0Araghchi flew to Gene\u0300ve.`);
    expect(got).toContain('abbas-araghchi:Abbas\u00A0Araghchi');
    expect(got).toContain('geneva:Gene\u0300ve');
  });

  it('never crosses a block boundary', () => {
    const got = ids(`${STORY}\nMet Abbas\nAraghchi.`);
    expect(got).not.toContain('abbas-araghchi:Abbas\nAraghchi');
  });

  it('suppresses excluded phrases', () => {
    const got = ids(`${STORY}\nHe stayed at Trump Tower and cited the Geneva Conventions.`);
    expect(got.some((g) => g.startsWith('donald-trump'))).toBe(false);
    expect(got.some((g) => g.startsWith('geneva'))).toBe(false);
  });
});

describe('matchMentions: talks phrases', () => {
  it('marks talks phrases as kind talks with id talks', () => {
    const m = scan(`${STORY} The talks resume soon.`).filter((x) => x.kind === 'talks');
    expect(m.map((x) => x.text)).toEqual(['nuclear talks', 'The talks']);
    expect(m.every((x) => x.id === 'talks' && x.label === 'US–Iran nuclear talks')).toBe(true);
  });
});

describe('matchMentions: relevance gate', () => {
  it('marks nothing on a travel page about Muscat and Oman', () => {
    expect(scan('Muscat is the capital of Oman. The souq in Muscat opens early; Oman Air flies from Geneva.')).toEqual([]);
  });

  it('marks nothing on a page that names Trump but not the talks', () => {
    expect(scan('Trump spoke about tariffs. President Trump also met the United States trade team.')).toEqual([]);
  });

  it('marks nothing on a company board page about "the talks"', () => {
    expect(scan('The talks between the board and the union went well. The talks resume in Geneva on Monday.')).toEqual([]);
  });

  it('marks a page with a core name and another story signal', () => {
    expect(scan('Abbas Araghchi arrived in Muscat.').map((m) => m.id)).toEqual(['abbas-araghchi', 'muscat']);
  });

  it('does not let one core name alone make a page relevant', () => {
    expect(scan('Abbas Araghchi gave a lecture.')).toEqual([]);
  });
});

describe('matchMentions: namesakes of unambiguous surnames', () => {
  it('does not take another first name plus the surname for the story person, nor the bare surname after it', () => {
    // A listings page: a broker who shares a surname with the envoy, in Muscat, with a flight from Geneva.
    const page =
      'A villa in Muscat, Oman, is listed by Dana Witkoff of a local agency. Witkoff says buyers fly in from Geneva.';
    expect(scan(page)).toEqual([]);
  });

  it('marks the story person again once named in full, and never the namesake', () => {
    const got = ids(`${STORY}\nZach Witkoff runs a company. Later Steve Witkoff flew to Muscat, and Witkoff said the talks went well.`);
    expect(got.filter((g) => g.startsWith('steve-witkoff'))).toEqual([
      'steve-witkoff:Steve Witkoff',
      'steve-witkoff:Steve Witkoff',
      'steve-witkoff:Witkoff',
    ]);
    expect(ids(`${STORY}\nMelania Trump spoke; President Trump did not.`).filter((g) => g.startsWith('donald-trump'))).toEqual([
      'donald-trump:President Trump',
    ]);
  });

  it('keeps surnames after weekdays and months ("Late on Sunday Araghchi said")', () => {
    const got = ids(`${STORY}\nLate on Sunday Araghchi said no. In February Witkoff agreed.`);
    expect(got.filter((g) => g === 'abbas-araghchi:Araghchi' || g === 'steve-witkoff:Witkoff')).toHaveLength(2);
  });

  it('keeps surnames after titles, possessives, sentence openers, and in headlines', () => {
    const got = ids(
      `Iran Warns Witkoff Over Enrichment Talks In Muscat\n${STORY} Iran's Araghchi met Envoy Witkoff. But Witkoff left.\n` +
        'IRAN WARNS WITKOFF',
    );
    expect(got.filter((g) => g.toLowerCase() === 'steve-witkoff:witkoff')).toHaveLength(4);
    expect(got).toContain('abbas-araghchi:Araghchi');
  });
});

describe('matchMentions: talks anchored to a side', () => {
  // The same pack, with its talks anchored to Iran's side: the US envoys also lead other negotiations.
  const anchoredPack = structuredClone(miniPack);
  anchoredPack.talks.anchors = ['iran'];
  for (const e of anchoredPack.entities) {
    if (e.id === 'abbas-araghchi' || e.id === 'iran') e.side = 'iran';
    if (e.id === 'steve-witkoff' || e.id === 'jared-kushner' || e.id === 'donald-trump') e.side = 'us';
  }
  const anchored = buildIndex([anchoredPack]);
  const otherTalks =
    'Steve Witkoff and Jared Kushner flew to Geneva for a second round of negotiations on Gaza. The talks went on late; President Trump said a deal was near.';

  it('marks nothing on a page about other talks of the same envoys, where the unanchored pack would', () => {
    expect(matchMentions(anchored, otherTalks, { date: '2026-02-18' })).toEqual([]);
    expect(matchMentions(index, otherTalks, { date: '2026-02-18' }).length).toBeGreaterThan(0);
  });

  it('marks the page once something on the anchor side is named, or a phrase names the story', () => {
    const withIran = matchMentions(anchored, `${otherTalks} Abbas Araghchi was not there.`, { date: '2026-02-18' });
    expect(withIran.map((m) => m.id)).toContain('steve-witkoff');
    const named = matchMentions(anchored, 'Steve Witkoff said the nuclear talks would resume in Geneva.', { date: '2026-02-18' });
    expect(named.map((m) => m.id)).toEqual(['steve-witkoff', 'talks', 'geneva']);
  });
});

describe('matchMentions: text added to a page already found relevant', () => {
  it('is not judged on its own when the page is known to be about the story', () => {
    // No core name: on its own this text is no evidence of the story.
    const added = 'Officials said the second round in Rome went well.';
    expect(scan(added, { date: '2025-04-20' })).toEqual([]);
    expect(scan(added, { date: '2025-04-20', relevant: true }).map((m) => m.id)).toEqual(['r2025-2']);
  });
});

describe('matchMentions: ambiguous aliases', () => {
  it('marks a bare surname after the full name', () => {
    const got = ids(`${STORY}\nJared Kushner flew in.\nLater, Kushner left.`);
    expect(got.filter((g) => g.startsWith('jared-kushner'))).toEqual(['jared-kushner:Jared Kushner', 'jared-kushner:Kushner']);
  });

  it('does not mark a bare surname without resolving context', () => {
    const got = ids(`${STORY}\nKushner bought a building in New York.`);
    expect(got.some((g) => g.startsWith('jared-kushner'))).toBe(false);
  });

  it('marks a bare surname among other story names in its paragraph', () => {
    const got = ids('Witkoff and Kushner met Araghchi in Muscat.');
    expect(got).toContain('jared-kushner:Kushner');
  });

  it('resolves Khamenei by the article date against dated roles', () => {
    const text = 'Araghchi briefed Khamenei after the nuclear talks in Muscat.';
    expect(ids(text, { date: '2025-04-13' })).toContain('ali-khamenei:Khamenei');
    expect(ids(text, { date: '2026-05-01' })).toContain('mojtaba-khamenei:Khamenei');
    expect(ids(text).some((g) => g.includes('khamenei'))).toBe(false);
  });

  it('prefers the namesake named in full earlier on the page', () => {
    const text = `${STORY}\nMojtaba Khamenei was mentioned.\nKhamenei said nothing.`;
    expect(ids(text, { date: '2025-04-13' })).toContain('mojtaba-khamenei:Khamenei');
  });

  it('tells namesakes apart by "the elder", "the late" and "the younger", from their dated roles', () => {
    const named = `${STORY}\nMojtaba Khamenei leads Iran now.\n`;
    const khameneis = (text: string, date?: string) =>
      scan(text, date ? { date } : {}).filter((m) => m.text === 'Khamenei').map((m) => m.id);
    expect(khameneis(`${named}The elder Khamenei set the limits. The late Khamenei was cautious. The younger Khamenei is not.`, '2026-04-01'))
      .toEqual(['ali-khamenei', 'ali-khamenei', 'mojtaba-khamenei']);
    // Without the son named, story names nearby let the word choose; before anyone's roles ended, "late" says
    // nothing and the article's date decides as before.
    const nearby = 'Araghchi and Witkoff met in Muscat. The younger Khamenei agreed; the elder Khamenei had not.';
    expect(khameneis(nearby, '2026-04-01')).toEqual(['mojtaba-khamenei', 'ali-khamenei']);
    expect(khameneis('Araghchi and Witkoff met in Muscat. The late Khamenei had agreed.', '2025-04-13')).toEqual(['ali-khamenei']);
    expect(khameneis('Araghchi and Witkoff met in Muscat. The late Khamenei had agreed.', '2026-04-01')).toEqual(['ali-khamenei']);
  });
});

describe('matchMentions: Arabic script', () => {
  it('matches names with attached clitics in Arabic script only', () => {
    const got = ids('التقى عراقچی والبوسعيدي في مسقط، وقال لعراقجي إن المحادثات بعراقچی مستمرة.');
    expect(got).toEqual([
      'abbas-araghchi:عراقچی',
      'badr-albusaidi:البوسعيدي',
      'muscat:مسقط',
      'abbas-araghchi:عراقجي',
      'abbas-araghchi:عراقچی',
    ]);
  });

  it('finds both the Persian and the Arabic spelling with yeh folded', () => {
    const got = ids('دیدار عراقجی و بوسعیدی در مسقط');
    expect(got).toEqual(['abbas-araghchi:عراقجی', 'badr-albusaidi:بوسعیدی', 'muscat:مسقط']);
  });

  it('does not loosen Latin-script boundaries', () => {
    const got = ids(`${STORY}\nThe blAraghchi and wAraghchi tokens are not names.`);
    expect(got.filter((g) => g.startsWith('abbas-araghchi'))).toHaveLength(1);
  });

  it('does not accept arbitrary Arabic-script prefixes', () => {
    const got = ids('عراقچی در مسقط. سعراقچی نیست.');
    expect(got).toEqual(['abbas-araghchi:عراقچی', 'muscat:مسقط']);
  });
});

describe('matchMentions: index', () => {
  it('survives structured cloning (IndexedDB) unchanged', () => {
    const copy = structuredClone(index);
    const text = `${STORY}\nThe second round in Geneva.`;
    expect(matchMentions(copy, text, { date: '2026-02-18' })).toEqual(matchMentions(index, text, { date: '2026-02-18' }));
  });

  it('rejects an index of another format version', () => {
    expect(() => matchMentions({ ...index, version: 0 }, STORY, {})).toThrow(/rebuild/);
  });
});
