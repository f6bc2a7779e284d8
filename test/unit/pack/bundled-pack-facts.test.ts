/**
 * The bundled pack against the facts it was built from (the project's facts file on the US–Iran talks, version of
 * December 2026, covering 12 Apr 2025 – 29 Sep 2026). CI has no copy of that file, so the expected values are our own
 * table, transcribed from it: rounds by date and venue, the key events, who held which role on which date, `asOf`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Round, StoryPack } from '@/utils/model/pack';

const pack = JSON.parse(readFileSync(join(import.meta.dirname, '../../../data/us-iran-talks.pack.json'), 'utf8')) as StoryPack;

/** Negotiating sessions (facts file §1.1–1.4): date, last day, a word of the venue, status, reported. */
const ROUNDS: [dateStart: string, dateEnd: string | null, venue: RegExp, status: Round['status'], reported: boolean][] = [
  ['2025-04-12', null, /Muscat/, 'held', false],
  ['2025-04-19', null, /Rome/, 'held', false],
  ['2025-04-26', null, /Muscat/, 'held', false],
  ['2025-05-03', null, /Rome/, 'postponed', false],
  ['2025-05-11', null, /Muscat/, 'held', false],
  ['2025-05-23', null, /Rome/, 'held', false],
  ['2025-06-15', null, /Muscat/, 'cancelled', false],
  ['2026-02-06', null, /Muscat/, 'held', false],
  ['2026-02-17', null, /Geneva/, 'held', false],
  ['2026-02-26', null, /Geneva/, 'held', false],
  ['2026-04-10', '2026-04-12', /Islamabad/, 'held', false],
  ['2026-04-25', null, /Islamabad/, 'cancelled', false],
  ['2026-06-19', null, /Bürgenstock/, 'postponed', false],
  ['2026-06-21', '2026-06-22', /Bürgenstock/, 'held', false],
  ['2026-06-22', null, /Switzerland/, 'held', true], // the Swiss technical track: one Iranian claim, UNCONFIRMED
  ['2026-07-01', null, /Doha/, 'held', false],
  ['2026-09-22', null, /New York/, 'held', false],
];

/** Key events: id, first and last day, words the label must contain. */
const EVENTS: [id: string, dateStart: string, dateEnd: string | null, label: RegExp][] = [
  ['ev-2025-israel-strikes', '2025-06-13', null, /Israel strikes Iran/],
  ['ev-2025-us-strikes', '2025-06-22', null, /Fordow/],
  ['ev-2025-ceasefire', '2025-06-24', null, /ceasefire/],
  ['ev-2025-inspectors-return', '2025-08-27', null, /inspectors/],
  ['ev-2025-snapback', '2025-09-27', null, /snapback/],
  ['ev-2025-protests', '2025-12-28', null, /Protests/],
  ['ev-2026-war', '2026-02-28', null, /war begins/],
  ['ev-2026-new-leader', '2026-03-08', '2026-03-09', /Mojtaba Khamenei/],
  ['ev-2026-ceasefire', '2026-04-07', null, /ceasefire/],
  ['ev-2026-ceasefire-extended', '2026-04-21', null, /extended/],
  ['ev-2026-mou', '2026-06-18', null, /Islamabad Memorandum/],
  ['ev-2026-stand-down', '2026-06-28', null, /stand down/],
  ['ev-2026-doha-envoys-qatar', '2026-06-30', null, /Qatari mediators/],
  ['ev-2026-ceasefire-over', '2026-07-08', '2026-07-09', /ceasefire over/],
  ['ev-2026-mou-expiry', '2026-08-16', '2026-08-17', /60-day window lapses/],
  ['ev-2026-uae-embargo', '2026-08-19', null, /UAE/],
  ['ev-2026-economic-outcast', '2026-08-24', null, /Economic Outcast/],
  ['ev-2026-renewed-fire', '2026-08-30', '2026-09-02', /Renewed/],
  ['ev-2026-tanker-war', '2026-09-05', '2026-09-09', /Tanker/],
  ['ev-2026-hormuz-offer', '2026-09-24', '2026-09-25', /seven days/],
  ['ev-2026-offer-rejected', '2026-09-26', '2026-09-27', /rejects/],
  ['ev-2026-mediator-contacts', '2026-09-28', '2026-09-29', /mediators/],
];

/** Who holds a role one of whose phrases is `phrase` on `date` (facts file §2.1). */
function holders(phrase: string, date: string): string[] {
  const wanted = phrase.toLowerCase();
  return pack.entities
    .filter((e) =>
      e.roles.some(
        (r) =>
          (r.from === undefined || r.from <= date) &&
          (r.to === undefined || date <= r.to) &&
          r.phrases?.some((p) => p.text.toLowerCase() === wanted),
      ),
    )
    .map((e) => e.id)
    .sort();
}

/** Facts file §2.1, "Who holds which role, as of": phrase, date, holders. */
const ROLES: [phrase: string, date: string, holders: string[]][] = [
  // 29 September 2026, the end of the material
  ["Iran's foreign minister", '2026-09-29', ['abbas-araghchi']],
  ["Iran's top diplomat", '2026-09-29', ['abbas-araghchi']],
  ['وزیر امور خارجه ایران', '2026-09-29', ['abbas-araghchi']],
  ["Oman's foreign minister", '2026-09-29', ['badr-albusaidi']],
  ['the Omani mediator', '2026-09-29', ['badr-albusaidi']],
  ['وزير خارجية عمان', '2026-09-29', ['badr-albusaidi']],
  ['the US envoy', '2026-09-29', ['jared-kushner', 'steve-witkoff']],
  ['the US special envoy', '2026-09-29', ['steve-witkoff']],
  ['the IAEA chief', '2026-09-29', ['rafael-grossi']],
  ['the UN nuclear watchdog chief', '2026-09-29', ['rafael-grossi']],
  ["Qatar's prime minister", '2026-09-29', ['mohammed-bin-abdulrahman-al-thani']],
  ['the Qatari mediator', '2026-09-29', ['mohammed-bin-abdulrahman-al-thani']],
  ["Pakistan's prime minister", '2026-09-29', ['shehbaz-sharif']],
  ["Pakistan's foreign minister", '2026-09-29', ['ishaq-dar']],
  ["Iran's chief negotiator", '2026-09-29', ['mohammad-bagher-ghalibaf']],
  ["Iran's parliament speaker", '2026-09-29', ['mohammad-bagher-ghalibaf']],
  ["Iran's foreign ministry spokesman", '2026-09-29', ['esmaeil-baghaei']],
  ["Iran's supreme leader", '2026-09-29', ['mojtaba-khamenei']],
  ["Iran's president", '2026-09-29', ['masoud-pezeshkian']],
  ['the US president', '2026-09-29', ['donald-trump']],
  ['the US vice president', '2026-09-29', ['jd-vance']],
  ['the US secretary of state', '2026-09-29', ['marco-rubio']],
  ['the US Treasury secretary', '2026-09-29', ['scott-bessent']],
  ['the CENTCOM commander', '2026-09-29', ['brad-cooper']],
  ['the CENTCOM spokesman', '2026-09-29', ['tim-hawkins']],
  ["Russia's foreign minister", '2026-09-29', ['sergey-lavrov']],
  ["Israel's prime minister", '2026-09-29', ['benjamin-netanyahu']],
  ["Iran's deputy foreign minister", '2026-09-29', ['hamid-ghanbari', 'kazem-gharibabadi', 'majid-takht-ravanchi']],
  // Earlier dates: the holder changes
  ['the US envoy', '2025-05-01', ['steve-witkoff']],
  ['the US envoy', '2026-02-05', ['steve-witkoff']],
  ['the US envoy', '2026-02-06', ['jared-kushner', 'steve-witkoff']],
  ["Iran's chief negotiator", '2025-05-01', ['abbas-araghchi']],
  ["Iran's chief negotiator", '2026-02-26', ['abbas-araghchi']],
  ["Iran's chief negotiator", '2026-03-20', []],
  ["Iran's chief negotiator", '2026-06-21', ['mohammad-bagher-ghalibaf']],
  ['the top US negotiator', '2025-05-01', ['steve-witkoff']],
  ['the top US negotiator', '2026-06-21', ['jd-vance']],
  ["Iran's supreme leader", '2025-05-01', ['ali-khamenei']],
  ["Iran's supreme leader", '2026-02-28', ['ali-khamenei']],
  ["Iran's supreme leader", '2026-03-05', []],
  ["Iran's supreme leader", '2026-03-09', ['mojtaba-khamenei']],
];

describe('the bundled pack against the facts file', () => {
  it('has its facts as of 29 September 2026, the newest confirmed event, and nothing confirmed after it', () => {
    expect(pack.asOf).toBe('2026-09-29');
    const confirmed = pack.rounds.filter((r) => !r.reported);
    const newest = confirmed.map((r) => r.dateEnd ?? r.dateStart).sort().at(-1);
    expect(newest).toBe(pack.asOf);
    expect(pack.rounds.filter((r) => r.dateStart > pack.asOf).map((r) => r.id)).toEqual([]);
  });

  it('has the rounds of the facts file, by date and venue, in order', () => {
    const rounds = pack.rounds.filter((r) => r.type === 'round');
    expect(rounds.map((r) => [r.dateStart, r.dateEnd ?? null, r.status, r.reported === true])).toEqual(
      ROUNDS.map(([start, end, , status, reported]) => [start, end, status, reported]),
    );
    rounds.forEach((r, i) => expect(r.venue, r.id).toMatch(ROUNDS[i]![2]));
  });

  it('lists every round and event in date order', () => {
    const starts = pack.rounds.map((r) => r.dateStart);
    expect(starts).toEqual([...starts].sort());
  });

  it('has no past round still planned (the facts file leaves none pending)', () => {
    expect(pack.rounds.filter((r) => r.status === 'planned' && r.dateStart <= pack.asOf).map((r) => r.id)).toEqual([]);
  });

  it('has Doha held on 1 July 2026 with Qatari and Pakistani mediators, under its old id', () => {
    const doha = pack.rounds.find((r) => r.id === 'r2026-doha');
    expect(doha).toMatchObject({ dateStart: '2026-07-01', status: 'held', format: 'indirect' });
    expect(doha?.mediators).toEqual(expect.arrayContaining(['qatar', 'pakistan']));
  });

  it.each(EVENTS)('has the event %s on its dates', (id, start, end, label) => {
    const event = pack.rounds.find((r) => r.id === id);
    expect(event).toMatchObject({ type: 'event', dateStart: start, status: 'held' });
    expect(event?.dateEnd ?? null).toBe(end);
    expect(event?.label).toMatch(label);
  });

  it('carries disputed dates with both values and both sources', () => {
    const mou = pack.rounds.find((r) => r.id === 'ev-2026-mou')!;
    expect(mou.outcome).toMatch(/18 June per Dawn and the BBC, 17 June per AP/);
    const expiry = pack.rounds.find((r) => r.id === 'ev-2026-mou-expiry')!;
    expect(expiry.outcome).toMatch(/16 August \(AP.*17 August \(BBC/);
    expect(expiry.sources).toEqual(expect.arrayContaining(['src-songci-20', 'src-songci-24']));
  });

  it('carries unconfirmed rounds and claims as reported, each resting on a low-reliability source', () => {
    const tierOf = new Map(pack.sources.map((s) => [s.id, s.tier]));
    const reportedRounds = pack.rounds.filter((r) => r.reported);
    expect(reportedRounds.map((r) => r.id)).toEqual(
      expect.arrayContaining(['r2026-swiss-technical', 'ev-2026-technical-talks-pullout', 'ev-2025-us-proposal', 'ev-2026-15-point-plan']),
    );
    const claims = pack.figures.flatMap((f) => f.claims).filter((c) => c.reported);
    for (const item of [...reportedRounds, ...claims]) {
      expect(item.sources.some((s) => tierOf.get(s) === 'aggregator'), item.id).toBe(true);
    }
  });

  it.each(ROLES)('"%s" on %s means %j', (phrase, date, expected) => {
    expect(holders(phrase, date)).toEqual(expected);
  });

  it('marks role phrases that need the page to pick a country as ambiguous, wherever they are given', () => {
    const generic = new Set(['the foreign minister', 'the premier', 'the prime minister', 'the minister', 'the president']);
    const phrases = pack.entities.flatMap((e) => e.roles.flatMap((r) => r.phrases ?? []));
    const found = phrases.filter((p) => generic.has(p.text));
    expect(new Set(found.map((p) => p.text))).toEqual(generic);
    expect(found.filter((p) => !p.ambiguous)).toEqual([]);
  });

  it('gives every event aliases, and aliases to the rounds with a name of their own', () => {
    const named = ['r2026-islamabad-1', 'r2026-burgenstock', 'r2026-doha', 'r2026-new-york'];
    const without = pack.rounds.filter((r) => (r.type === 'event' || named.includes(r.id)) && !r.aliases?.length);
    expect(without.map((r) => r.id)).toEqual([]);
    const aliasesOf = (id: string) => pack.rounds.find((r) => r.id === id)?.aliases?.map((a) => a.text) ?? [];
    expect(aliasesOf('ev-2025-israel-strikes')).toEqual(expect.arrayContaining(['12-day war', 'Operation Rising Lion', 'جنگ ۱۲ روزه']));
    expect(aliasesOf('ev-2026-mou')).toEqual(expect.arrayContaining(['Islamabad MoU', '14-point agreement', '60-day ceasefire']));
    expect(aliasesOf('r2026-burgenstock')).toEqual(expect.arrayContaining(['Lake Lucerne Summit']));
  });
});
