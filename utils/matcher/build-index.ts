import type { Alias, StoryPack } from '../model/pack';
import { normalizeForMatch } from '../text/normalize';
import { isArabicScriptCode } from '../text/char-class';
import { buildTrie } from './trie';
import {
  FLAG_AMBIGUOUS,
  FLAG_ARABIC_SCRIPT,
  FLAG_CASE_SENSITIVE,
  FLAG_SPECIFIC,
  MATCHER_INDEX_VERSION,
  PAYLOAD_ENTITY,
  PAYLOAD_EXCLUDE,
  PAYLOAD_TALKS,
  type IndexedEntity,
  type IndexedFigure,
  type IndexedRound,
  type MatcherIndex,
} from './matcher-index';

interface PendingPayload {
  kind: number;
  ref: number;
  flags: number;
  cased: string;
}

/** Words that make a talks phrase generic: "the talks" could be any company's board talks. */
const norm = (s: string): string => normalizeForMatch(s).text.trim();

const GENERIC_TALKS_WORDS = new Set([
  'the', 'a', 'an', 'of', 'these', 'those', 'this', 'new', 'latest', 'direct', 'indirect', 'talks', 'talk',
  'negotiations', 'negotiation', 'round', 'rounds', 'meeting', 'meetings', 'discussions', 'dialogue', 'process',
  'peace', 'technical', 'expert-level', 'high-level',
  // Persian and Arabic: talks, negotiations, (in)direct.
  'مذاکرات', 'مذاکره', 'گفتگو', 'گفتگوها', 'غیرمستقیم', 'مستقیم', 'المفاوضات', 'مفاوضات', 'المحادثات', 'محادثات',
  'غير', 'المباشرة', 'مباشرة',
].map(norm));

function isSpecificPhrase(normalized: string): boolean {
  return normalized.split(/[\s-]+/).some((w) => w !== '' && !GENERIC_TALKS_WORDS.has(w));
}

const DEMONYMS = new Set(['iranian', 'iran\'s', 'israeli', 'american', 'us', 'u.s.', 'omani', 'pakistani', 'qatari', 'un', 'u.n.']);
const LEADING_ARTICLES = new Set(['a', 'an', 'the']);
const HONORIFICS = new Set(['dr', 'dr.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'gen', 'gen.', 'adm', 'adm.', 'prof', 'prof.']);
/** Institutions an article names again as "the ministry", "the government" once it has said which. */
const INSTITUTION_HEADS = new Set(['ministry', 'government', 'judiciary', 'foundation']);
/** Lower-case words inside proper names ("Atomic Energy Organization of Iran"), which are no title. */
const NAME_FUNCTION_WORDS = new Set(['of', 'and', 'for', 'the', 'in', 'on', 'at', 'to', 'de', 'al', 'bin']);
const isCapitalised = (w: string): boolean => /^\p{Lu}/u.test(w);

/**
 * Shorter names an article may use for a claimant written out in full in the pack: "Iranian health ministry" is
 * "the health ministry" or, once named, "the ministry"; "Judiciary spokesman Asghar Jahangir" is "the judiciary
 * spokesman" or "Jahangir"; "Karoline Leavitt, White House press secretary" is "Karoline Leavitt". Parenthetical
 * notes ("(speaking to Reuters)") name a medium, not the claimant, and are dropped.
 */
export function claimantShortNames(claimant: string): string[] {
  const out: string[] = [];
  const base = claimant.replace(/\s*\([^)]*\)/g, '').split(',')[0]!.trim();
  let words = base.split(/\s+/).filter((w) => w !== '');
  if (words.length > 0 && LEADING_ARTICLES.has(words[0]!.toLowerCase())) words = words.slice(1);
  if (words.length === 0) return out;
  // A lone acronym folds into a word ("WHO" → "who"): only the pack's case-sensitive aliases may name it.
  if (words.length > 1 || words[0] !== words[0]!.toUpperCase()) out.push(words.join(' '));
  if (words.length >= 3 && DEMONYMS.has(words[0]!.toLowerCase())) out.push(words.slice(1).join(' '));
  // A title in lower case followed by a personal name in capitals: the title, and the surname.
  let lastLower = -1;
  let functionWord = false;
  words.forEach((w, i) => {
    if (i === 0 || isCapitalised(w)) return;
    if (NAME_FUNCTION_WORDS.has(w)) functionWord = true;
    else lastLower = i;
  });
  const titled = !functionWord && lastLower > 0 && lastLower < words.length - 1 && words.slice(lastLower + 1).every(isCapitalised);
  const honorific = words.length >= 2 && HONORIFICS.has(words[0]!.toLowerCase()) && words.slice(1).every(isCapitalised);
  if (titled) {
    const title = words.slice(DEMONYMS.has(words[0]!.toLowerCase()) ? 1 : 0, lastLower + 1);
    if (title.length >= 2) out.push(title.join(' '));
  }
  if ((titled || honorific) && words[words.length - 1]!.length >= 4) out.push(words[words.length - 1]!);
  const head = words[words.length - 1]!.toLowerCase();
  if (!titled && !honorific && words.length >= 2 && INSTITUTION_HEADS.has(head)) out.push(`the ${head}`);
  return out;
}

/** Compiles story packs into one matcher index. Ids repeated across packs keep the first pack's entry. */
export function buildIndex(packs: readonly StoryPack[]): MatcherIndex {
  const keys = new Map<string, PendingPayload[]>();
  const addKey = (key: string, payload: PendingPayload): void => {
    if (key === '') return;
    const list = keys.get(key);
    if (!list) keys.set(key, [payload]);
    else if (!list.some((p) => p.kind === payload.kind && p.ref === payload.ref && p.cased === payload.cased)) {
      list.push(payload);
    }
  };
  const add = (text: string, payload: PendingPayload): void => addKey(norm(text), payload);

  const entities: IndexedEntity[] = [];
  const entityIndex = new Map<string, number>();
  const aliasesById = new Map<string, Alias[]>();
  for (const pack of packs) {
    const anchors = new Set(pack.talks.anchors ?? []);
    for (const e of pack.entities) {
      if (entityIndex.has(e.id)) continue;
      const ref = entities.length;
      entityIndex.set(e.id, ref);
      aliasesById.set(e.id, e.aliases);
      entities.push({
        id: e.id,
        kind: e.kind,
        name: e.name,
        core: e.salience === 'core',
        ...(e.side !== undefined && anchors.has(e.side) ? { anchor: true as const } : {}),
        roles: e.roles.map((r) => ({ title: r.title, ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) })),
      });
      const aliasKeys = e.aliases.map((a) => norm(a.text));
      e.aliases.forEach((alias, i) => {
        const key = aliasKeys[i]!;
        let flags = 0;
        if (alias.ambiguous) flags |= FLAG_AMBIGUOUS;
        if (alias.caseSensitive) flags |= FLAG_CASE_SENSITIVE;
        if (key !== '' && isArabicScriptCode(key.charCodeAt(0))) flags |= FLAG_ARABIC_SCRIPT;
        const cased = alias.caseSensitive ? normalizeForMatch(alias.text, { foldCase: false }).text.trim() : '';
        addKey(key, { kind: PAYLOAD_ENTITY, ref, flags, cased });
      });
      // The display name counts as a plain alias unless an alias with the same text says more about it.
      const nameKey = norm(e.name);
      if (!aliasKeys.includes(nameKey)) {
        const flags = nameKey !== '' && isArabicScriptCode(nameKey.charCodeAt(0)) ? FLAG_ARABIC_SCRIPT : 0;
        addKey(nameKey, { kind: PAYLOAD_ENTITY, ref, flags, cased: '' });
      }
      for (const phrase of e.excludes ?? []) add(phrase, { kind: PAYLOAD_EXCLUDE, ref, flags: 0, cased: '' });
    }
  }

  let talksLabel = '';
  for (const pack of packs) {
    if (talksLabel === '') talksLabel = pack.talks.label;
    for (const phrase of pack.talks.phrases) {
      const key = norm(phrase);
      add(phrase, { kind: PAYLOAD_TALKS, ref: -1, flags: isSpecificPhrase(key) ? FLAG_SPECIFIC : 0, cased: '' });
    }
  }

  const rounds: IndexedRound[] = [];
  const seenRounds = new Set<string>();
  for (const pack of packs) {
    for (const r of pack.rounds) {
      if (seenRounds.has(r.id)) continue;
      seenRounds.add(r.id);
      rounds.push({
        id: r.id,
        label: r.label,
        track: r.track,
        ...(r.ordinal !== undefined ? { ordinal: r.ordinal } : {}),
        type: r.type,
        status: r.status,
        dateStart: r.dateStart,
        ...(r.dateEnd ? { dateEnd: r.dateEnd } : {}),
        places: r.places.map((p) => entityIndex.get(p)).filter((i): i is number => i !== undefined),
      });
    }
  }

  const figures: IndexedFigure[] = [];
  const seenFigures = new Set<string>();
  for (const pack of packs) {
    for (const f of pack.figures) {
      if (seenFigures.has(f.id)) continue;
      seenFigures.add(f.id);
      figures.push({
        id: f.id,
        label: f.label,
        measureWords: f.recognise.measureWords.map(norm).filter((w) => w !== ''),
        topicWords: f.recognise.topicWords.map(norm).filter((w) => w !== ''),
        unitWords: (f.recognise.unitWords ?? []).map(norm).filter((w) => w !== ''),
        min: f.recognise.min,
        max: f.recognise.max,
        claims: f.claims.map((c) => {
          const names = [c.claimant, ...claimantShortNames(c.claimant)];
          if (c.claimantEntity) {
            const claimant = entityIndex.get(c.claimantEntity);
            if (claimant !== undefined) names.push(entities[claimant]!.name);
            for (const a of aliasesById.get(c.claimantEntity) ?? []) if (!a.ambiguous) names.push(a.text);
          }
          return {
            id: c.id,
            bound: c.bound,
            asOf: c.asOf,
            ...(c.value !== undefined ? { value: c.value } : {}),
            ...(c.low !== undefined ? { low: c.low } : {}),
            ...(c.high !== undefined ? { high: c.high } : {}),
            claimantNames: [...new Set(names.map(norm).filter((n) => n !== ''))],
          };
        }),
      });
    }
  }

  // Sorted by code unit (the default sort), so the trie is built in one pass without re-sorting.
  const keyList = [...keys.keys()].sort();
  const trie = buildTrie(keyList);
  const keyPayloadStart = new Int32Array(keyList.length + 1);
  let payloadCount = 0;
  keyList.forEach((k, i) => {
    keyPayloadStart[i] = payloadCount;
    payloadCount += keys.get(k)!.length;
  });
  keyPayloadStart[keyList.length] = payloadCount;
  const payloadKind = new Uint8Array(payloadCount);
  const payloadRef = new Int32Array(payloadCount);
  const payloadFlags = new Uint8Array(payloadCount);
  const payloadCased: string[] = new Array<string>(payloadCount);
  let p = 0;
  for (const k of keyList) {
    for (const pl of keys.get(k)!) {
      payloadKind[p] = pl.kind;
      payloadRef[p] = pl.ref;
      payloadFlags[p] = pl.flags;
      payloadCased[p] = pl.cased;
      p++;
    }
  }

  return {
    version: MATCHER_INDEX_VERSION,
    trie,
    keyPayloadStart,
    payloadKind,
    payloadRef,
    payloadFlags,
    payloadCased,
    entities,
    talksLabel,
    anchored: packs.some((pack) => (pack.talks.anchors ?? []).length > 0),
    rounds,
    figures,
  };
}
