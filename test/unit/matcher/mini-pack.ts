/**
 * A small story pack written for the matcher tests, shaped like the bundled US–Iran pack (same ids) but with only
 * what the tests need, so they do not move when the bundled pack's content changes.
 */
import type { Alias, Entity, EntityKind, Round, Salience, StoryPack } from '../../../utils/model/pack';

function entity(id: string, kind: EntityKind, name: string, aliases: (string | Alias)[], salience: Salience, extra: Partial<Entity> = {}): Entity {
  return {
    id, kind, name, salience, summary: `${name}.`, roles: [], sources: ['s1'],
    aliases: aliases.map((a) => (typeof a === 'string' ? { text: a } : a)),
    ...extra,
  };
}

function round(id: string, track: string, ordinal: number | undefined, dateStart: string, places: string[], type: 'round' | 'event' = 'round'): Round {
  return {
    id, label: `${id} label`, track, ...(ordinal !== undefined ? { ordinal } : {}), type, dateStart, venue: places[0] ?? '',
    places, mediators: [], delegations: [], status: 'held', sources: ['s1'],
  };
}

export const miniPack: StoryPack = {
  format: 1,
  id: 'mini-us-iran',
  version: '0.0.1',
  title: 'Mini US–Iran talks',
  asOf: '2026-06-30',
  description: 'Test pack.',
  reportUrl: 'https://example.org/report',
  talks: { label: 'US–Iran nuclear talks', phrases: ['the talks', 'nuclear talks', 'nuclear negotiations', 'indirect talks', 'US-Iran talks'] },
  sides: [{ id: 'us', label: 'United States' }, { id: 'iran', label: 'Iran' }],
  sources: [{ id: 's1', url: 'https://example.org/s1', publisher: 'Example', tier: 'wire' }],
  entities: [
    entity('abbas-araghchi', 'person', 'Abbas Araghchi', ['Araghchi', { text: 'عراقچی', script: 'Arab', lang: 'fa' }, { text: 'عراقجي', script: 'Arab', lang: 'ar' }], 'core'),
    entity('steve-witkoff', 'person', 'Steve Witkoff', ['Witkoff', 'Steven Witkoff'], 'core'),
    entity('jared-kushner', 'person', 'Jared Kushner', [{ text: 'Kushner', ambiguous: true }], 'core'),
    entity('badr-albusaidi', 'person', 'Badr Albusaidi', ['Badr al-Busaidi', 'al-Busaidi', { text: 'Busaidi', ambiguous: true }, { text: 'البوسعيدي', lang: 'ar' }, { text: 'بوسعیدی', lang: 'fa' }], 'core'),
    entity('donald-trump', 'person', 'Donald Trump', ['Trump', 'President Trump'], 'context', { excludes: ['Trump Tower', 'Trump Organization'] }),
    entity('ali-khamenei', 'person', 'Ali Khamenei', ['Ayatollah Ali Khamenei', { text: 'Khamenei', ambiguous: true }], 'core', {
      roles: [{ title: 'Supreme Leader of Iran', from: '1989-06-04', to: '2026-03-01', sources: ['s1'] }],
    }),
    entity('mojtaba-khamenei', 'person', 'Mojtaba Khamenei', [{ text: 'Khamenei', ambiguous: true }], 'core', {
      roles: [{ title: 'Supreme Leader of Iran', from: '2026-03-09', sources: ['s1'] }],
    }),
    entity('iaea', 'org', 'International Atomic Energy Agency', [{ text: 'IAEA', caseSensitive: true }], 'core'),
    entity('hrana', 'org', 'Human Rights Activists News Agency', [{ text: 'HRANA', caseSensitive: true }], 'context'),
    entity('us', 'place', 'United States', [{ text: 'US', caseSensitive: true }, 'United States', { text: 'U.S.', caseSensitive: true }], 'context'),
    entity('iran', 'place', 'Iran', ['Iran', 'ایران'], 'context'),
    entity('oman', 'place', 'Oman', ['Oman', 'Sultanate of Oman'], 'context'),
    entity('muscat', 'place', 'Muscat', ['Muscat', 'مسقط'], 'context'),
    entity('geneva', 'place', 'Geneva', ['Geneva', 'Genève'], 'context', { excludes: ['Geneva Conventions'] }),
    entity('rome', 'place', 'Rome', ['Rome'], 'context'),
    entity('islamabad', 'place', 'Islamabad', ['Islamabad'], 'context'),
  ],
  tracks: [
    { id: 'oman-2025', label: 'Oman 2025', mediators: ['oman'], from: '2025-04-12', to: '2025-06-15', sources: ['s1'] },
    { id: 'oman-2026', label: 'Oman 2026', mediators: ['oman'], from: '2026-02-06', to: '2026-02-26', sources: ['s1'] },
    { id: 'pakistan-2026', label: 'Pakistan 2026', mediators: [], from: '2026-04-10', sources: ['s1'] },
  ],
  rounds: [
    round('r2025-1', 'oman-2025', 1, '2025-04-12', ['muscat', 'oman']),
    round('r2025-2', 'oman-2025', 2, '2025-04-19', ['rome']),
    round('r2025-3', 'oman-2025', 3, '2025-04-26', ['muscat', 'oman']),
    round('r2025-4', 'oman-2025', 4, '2025-05-11', ['muscat', 'oman']),
    round('r2025-5', 'oman-2025', 5, '2025-05-23', ['rome']),
    round('r2025-6', 'oman-2025', 6, '2025-06-15', ['muscat', 'oman']),
    round('r2026-1', 'oman-2026', 1, '2026-02-06', ['muscat', 'oman']),
    round('r2026-2', 'oman-2026', 2, '2026-02-17', ['geneva']),
    round('r2026-3', 'oman-2026', 3, '2026-02-26', ['geneva']),
    round('ev-strikes-2026', 'oman-2026', undefined, '2026-02-28', [], 'event'),
    round('r2026-islamabad-1', 'pakistan-2026', 1, '2026-04-10', ['islamabad']),
  ],
  figures: [
    {
      id: 'protest-death-toll', label: 'Death toll of the protests', unit: 'people killed',
      recognise: { measureWords: ['killed', 'dead', 'deaths', 'death toll'], topicWords: ['protests', 'crackdown', 'protesters'], min: 100, max: 100000, unitWords: ['people', 'protesters'] },
      claims: [
        { id: 'gov-3117', claimant: 'Iranian government', value: 3117, bound: 'exact', qualifier: 'official', asOf: '2026-01-21', sources: ['s1'] },
        { id: 'hrana-3000', claimant: 'HRANA', claimantEntity: 'hrana', value: 3000, bound: 'more-than', asOf: '2026-01-15', sources: ['s1'] },
        { id: 'hrana-7002', claimant: 'HRANA', claimantEntity: 'hrana', value: 7002, bound: 'exact', qualifier: 'confirmed', asOf: '2026-02-12', sources: ['s1'] },
        { id: 'ii-12000', claimant: 'Iran International', value: 12000, bound: 'at-least', asOf: '2026-01-13', sources: ['s1'] },
      ],
    },
    {
      id: 'hue-stockpile-60', label: 'Stockpile of 60% uranium', unit: 'kg',
      recognise: { measureWords: ['enriched uranium', 'uranium'], topicWords: ['stockpile', 'enriched', 'iaea'], min: 100, max: 2000, unitWords: ['kg', 'kilograms'] },
      claims: [
        { id: 'iaea-4086', claimant: 'IAEA', claimantEntity: 'iaea', value: 408.6, bound: 'exact', asOf: '2025-05-17', sources: ['s1'] },
        { id: 'iaea-4409', claimant: 'IAEA', claimantEntity: 'iaea', value: 440.9, bound: 'about', qualifier: 'estimate', asOf: '2025-06-13', sources: ['s1'] },
      ],
    },
  ],
  issues: [],
  positions: [],
};
