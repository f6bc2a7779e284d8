import { describe, expect, it } from 'vitest';
import { buildIndex, claimantShortNames } from '../../../utils/matcher/build-index';
import { MATCHER_INDEX_VERSION, PAYLOAD_EXCLUDE, FLAG_SPECIFIC, PAYLOAD_TALKS } from '../../../utils/matcher/matcher-index';
import { matchMentions } from '../../../utils/matcher/match-mentions';
import type { StoryPack } from '../../../utils/model/pack';
import { miniPack } from './mini-pack';

/** Only typed arrays, arrays, plain objects and primitives: what IndexedDB and a woken worker can take. */
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (ArrayBuffer.isView(value)) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isPlainData);
}

describe('buildIndex', () => {
  it('produces versioned plain data', () => {
    const index = buildIndex([miniPack]);
    expect(index.version).toBe(MATCHER_INDEX_VERSION);
    expect(isPlainData(index)).toBe(true);
  });

  it('keeps the first pack entry when ids repeat across packs', () => {
    const other: StoryPack = {
      ...miniPack,
      id: 'other',
      entities: [{ ...miniPack.entities[0]!, name: 'Someone Else', aliases: [{ text: 'Someone Else' }] }],
    };
    const index = buildIndex([miniPack, other]);
    expect(index.entities.filter((e) => e.id === 'abbas-araghchi')).toHaveLength(1);
    expect(index.entities.find((e) => e.id === 'abbas-araghchi')!.name).toBe('Abbas Araghchi');
  });

  it('marks excludes and tells story-specific talks phrases from generic ones', () => {
    const index = buildIndex([miniPack]);
    const kinds = Array.from(index.payloadKind);
    expect(kinds.filter((k) => k === PAYLOAD_EXCLUDE).length).toBe(3);
    const talksFlags = kinds.map((k, i) => (k === PAYLOAD_TALKS ? index.payloadFlags[i]! & FLAG_SPECIFIC : -1)).filter((f) => f >= 0);
    // 'nuclear talks', 'nuclear negotiations', 'US-Iran talks' are specific; 'the talks', 'indirect talks' are not.
    expect(talksFlags.filter((f) => f !== 0)).toHaveLength(3);
    expect(talksFlags.filter((f) => f === 0)).toHaveLength(2);
  });

  it('matches a pack whose display name is also listed as a case-sensitive alias only in that case', () => {
    const pack: StoryPack = {
      ...miniPack,
      entities: [
        ...miniPack.entities,
        { id: 'cs', kind: 'org', name: 'IRGC', aliases: [{ text: 'IRGC', caseSensitive: true }], roles: [], summary: '.', salience: 'context', sources: ['s1'] },
      ],
    };
    const index = buildIndex([pack]);
    const text = 'Abbas Araghchi met the IRGC; the irgc word is not it. Witkoff too.';
    expect(matchMentions(index, text, {}).filter((m) => m.id === 'cs').map((m) => m.text)).toEqual(['IRGC']);
  });

  it('matches a mixed-case case-sensitive alias in all capitals too, and all-capital aliases only as written', () => {
    const pack: StoryPack = {
      ...miniPack,
      entities: [
        ...miniPack.entities.filter((e) => e.id !== 'muscat'),
        { id: 'muscat', kind: 'place', name: 'Muscat', aliases: [{ text: 'Muscat', caseSensitive: true }], roles: [], summary: '.', salience: 'context', sources: ['s1'] },
      ],
    };
    const index = buildIndex([pack]);
    const found = (text: string) => matchMentions(index, `Abbas Araghchi and Steve Witkoff met.\n${text}`, {})
      .filter((m) => m.id === 'muscat' || m.id === 'us' || m.id === 'iaea').map((m) => m.text);
    // A wire dateline and an all-caps headline.
    expect(found('MUSCAT, Oman (AP) — The IAEA was not there.')).toEqual(['MUSCAT', 'IAEA']);
    expect(found('TALKS IN MUSCAT END; US SAYS MORE TO COME')).toEqual(['MUSCAT', 'US']);
    // The lower-case word and odd casings stay unmatched; "Us"/"us" are still not the US, nor "Iaea" the IAEA.
    expect(found('A glass of muscat, a MuScAt grape. Let us go; Us too. Iaea.')).toEqual([]);
  });

  it('derives the shorter names an article uses for a claimant, and none from inside proper names', () => {
    expect(claimantShortNames('Iranian health ministry')).toEqual(['Iranian health ministry', 'health ministry', 'the ministry']);
    expect(claimantShortNames('Judiciary spokesman Asghar Jahangir')).toEqual(['Judiciary spokesman Asghar Jahangir', 'Judiciary spokesman', 'Jahangir']);
    expect(claimantShortNames('Karoline Leavitt, White House press secretary')).toEqual(['Karoline Leavitt']);
    expect(claimantShortNames('An Iranian security official (speaking to Reuters)')).toEqual(['Iranian security official', 'security official']);
    expect(claimantShortNames('Atomic Energy Organization of Iran')).toEqual(['Atomic Energy Organization of Iran']);
    expect(claimantShortNames('Time and The Guardian, citing sources')).toEqual(['Time and The Guardian']);
    expect(claimantShortNames('WHO (Tedros Adhanom Ghebreyesus)')).toEqual([]);
  });

  it('builds an index from no packs that matches nothing', () => {
    const index = buildIndex([]);
    expect(matchMentions(index, 'Abbas Araghchi', {})).toEqual([]);
    expect(matchMentions(buildIndex([miniPack]), '', {})).toEqual([]);
  });
});
