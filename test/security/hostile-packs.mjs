// Story packs and feeds built from the payload corpus: every text field of a pack carries payloads (all of them appear
// in some field a card, the popup or the options page shows), every URL field carries a hostile-but-valid URL, and
// the JSON text adds `__proto__`, `constructor` and `prototype` keys (plus payloads as unknown key names) at every
// depth. Names stay plain and matchable ("Zarvan Kelm"), so an article can name them and a reader can open their cards.
// All names and words here are invented for Backstory's tests.

/** Invented people, organisations and places; each becomes an entity whose card shows a share of the payloads. */
export const HOSTILE_NAMES = {
  lead: 'Zarvan Kelm',
  second: 'Orlith Vane',
  mediatorOrg: 'Mirela Thask Bureau',
  place: 'Quillmoor',
  fillers: [
    'Tessaly Brunmark', 'Oduvar Pryce', 'Selwyn Arkady', 'Imbrel Castane', 'Varro Delkin', 'Huldra Semmet',
    'Pellam Okonye', 'Ysolde Varga', 'Corvin Ashlund', 'Mabry Estrel', 'Linnet Gaspari', 'Torvald Quenby',
    'Anselm Ridgeway', 'Briska Tolland', 'Desmond Ovary', 'Fenna Marrowby', 'Gideon Sollar', 'Halvard Penrose',
    'Isaura Kettle', 'Jorun Bellweather', 'Kasimir Dunlow', 'Lorne Abernast',
  ],
};
/** What the round and figure are recognised by in an article. */
export const ROUND_PHRASE = 'the first round in Quillmoor';
export const FIGURE_SENTENCE = 'Quillmoor officials said 4,321 quillbeads were counted.';
export const TALKS_PHRASE = 'the Quillmoor talks';
/** The latest round's date: after every round of the bundled pack, so the popup's "latest round" is ours. */
export const ROUND_DATE = '2026-11-20';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

/**
 * Hands out payloads in order, joined into one field. `take` is for fields a view shows (each payload once, until all
 * are placed); `again` for fields no view shows, cycling from the start on a cursor of its own.
 */
class Distributor {
  constructor(payloads) {
    this.payloads = payloads;
    this.next = 0;
    this.hidden = 0;
    this.used = new Set();
  }
  again(n, prefix = '') {
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(this.payloads[this.hidden++ % this.payloads.length].text);
    return `${prefix}${parts.join(' ¦ ')}`;
  }
  get done() {
    return this.used.size >= this.payloads.length;
  }
  take(n, prefix = '') {
    const parts = [];
    for (let i = 0; i < n; i++) {
      const p = this.payloads[this.next % this.payloads.length];
      this.used.add(p.id);
      parts.push(p.text);
      this.next++;
    }
    return `${prefix}${parts.join(' ¦ ')}`;
  }
}

const SOURCE_URLS = [
  'https://news.example/zarvan',
  'https://wire.example/"><img src=x onerror=1>',
  'https://desk.example/?next=javascript:alert(1)',
  'https://news.example:8443/a?b=<svg onload=1>#"><script>',
  'HTTPS://NEWS.EXAMPLE/UPPER',
  'https://xn--nws-ima.example/idn',
];

/**
 * The importable hostile pack (valid https URLs, plain names), with payloads in every text field. Returns
 * `{ pack, displayed }` where `displayed` lists, per card, the strings that card must show literally.
 */
export function buildHostilePack(payloads, { id = 'hostile-zarvan', version = '1.0.0' } = {}) {
  const d = new Distributor(payloads);
  const n = HOSTILE_NAMES;
  const sources = SOURCE_URLS.map((url, i) => ({
    id: `s${i + 1}`,
    url,
    // Cards show the publishers of the four sources every entity cites (s1–s4); titles are not shown.
    publisher: i < 4 ? d.take(1, `Publisher ${i + 1} `) : d.again(1, `Publisher ${i + 1} `),
    date: '2026-11-01',
    title: d.again(1),
    tier: 'outlet',
  }));
  // Cards show at most four sources; every entity cites these four, so their publishers are on every card.
  const cited = ['s1', 's2', 's3', 's4'];
  const title = d.take(1, 'Hostile pack A ');
  const sides = [
    { id: 'side-a', label: d.take(1, 'Side A ') },
    { id: 'side-b', label: d.take(1, 'Side B ') },
  ];
  const entity = (eid, kind, name, extra = {}) => ({
    id: eid,
    kind,
    name,
    aliases: [
      { text: name, lang: 'en', script: 'Latn' },
      // An alias that itself carries payloads: shown under "Also written".
      { text: d.take(1, `${name.split(' ')[0]} `) },
      { text: d.take(1, `${name.split(' ').at(-1)} `) },
    ],
    roles: [{ title: d.take(2, 'Role '), from: '2020-01-01', sources: ['s1'] }],
    side: 'side-a',
    summary: d.take(extra.summaryCount ?? 6, 'Summary '),
    salience: extra.salience ?? 'core',
    sources: cited,
  });
  const lead = entity('zarvan-kelm', 'person', n.lead);
  const second = entity('orlith-vane', 'person', n.second);
  const mediator = entity('mirela-thask', 'org', n.mediatorOrg);
  const place = entity('quillmoor', 'place', n.place, { salience: 'context' });
  const issues = [
    { id: 'issue-1', label: d.take(1, 'Issue ') },
    { id: 'issue-2', label: d.take(1, 'Issue ') },
  ];
  const positions = [
    { party: 'zarvan-kelm', issue: 'issue-1', stance: d.take(2, 'Stance '), date: '2026-10-01', sources: ['s1'] },
    { party: 'zarvan-kelm', issue: 'issue-2', stance: d.take(2, 'Stance '), date: '2026-10-02', sources: ['s2'] },
    { party: 'orlith-vane', issue: 'issue-1', stance: d.take(2, 'Stance '), date: '2026-10-03', sources: ['s3'] },
  ];
  const round = {
    id: 'round-q1',
    label: d.take(1, 'Quillmoor round '),
    track: 'track-q',
    ordinal: 1,
    type: 'round',
    dateStart: ROUND_DATE,
    venue: d.take(2, 'Venue '),
    places: ['quillmoor'],
    format: 'indirect',
    mediators: ['mirela-thask'],
    delegations: [
      { side: 'side-a', head: 'zarvan-kelm', members: ['quillmoor'] },
      { side: 'side-b', head: 'orlith-vane', members: [] },
    ],
    status: 'held',
    outcome: d.take(3, 'Outcome '),
    nextStep: d.take(3, 'Next '),
    sources: cited,
  };
  const earlierRound = {
    ...round,
    id: 'round-q0',
    label: d.take(1, 'Earlier round '),
    ordinal: undefined,
    type: 'event',
    dateStart: '2026-10-15',
    // Only its label is shown (in the timeline): no mention opens this event's own card.
    venue: d.again(1),
    outcome: d.again(1),
    nextStep: d.again(1),
  };
  delete earlierRound.ordinal;
  const figure = {
    id: 'quill-count',
    label: d.take(1, 'Quillbead count '),
    unit: d.take(1, 'Unit '),
    recognise: { measureWords: ['quillbeads'], topicWords: ['Quillmoor'], min: 100, max: 100000 },
    claims: [
      { id: 'c1', claimant: d.take(1, 'Claimant 1 '), value: 4321, bound: 'exact', qualifier: 'official', asOf: '2026-11-01', note: d.take(2, 'Note '), sources: ['s1'] },
      { id: 'c2', claimant: d.take(1, 'Claimant 2 '), low: 4000, high: 5000, bound: 'about', asOf: '2026-11-02', note: d.take(1, 'Note '), sources: ['s2'] },
      { id: 'c3', claimant: d.take(1, 'Claimant 3 '), bound: 'exact', asOf: '2026-11-03', note: d.take(2, 'Note '), sources: ['s3'] },
    ],
  };
  const talksLabel = d.again(1, 'Talks ');
  // Fillers until every payload sits in a field some card shows.
  const fillers = [];
  for (const [i, name] of n.fillers.entries()) {
    if (d.done) break;
    fillers.push(entity(`filler-${i + 1}`, 'person', name, { summaryCount: 10 }));
  }
  if (!d.done) throw new Error(`buildHostilePack: ${payloads.length - d.used.size} payloads do not fit; add filler names`);
  // Fields no view shows.
  const pack = {
    format: 1,
    id,
    version,
    title,
    asOf: '2026-11-25',
    description: d.again(3, 'Description '),
    reportUrl: 'mailto:desk@report.example?subject="><img src=x onerror=alert(1)>',
    talks: { label: talksLabel, phrases: ['Quillmoor talks'] },
    sides,
    sources,
    entities: [lead, second, mediator, place, ...fillers],
    tracks: [{ id: 'track-q', label: d.again(1, 'Track '), mediators: ['mirela-thask'], from: '2026-09-01', sources: ['s1'] }],
    rounds: [earlierRound, round],
    figures: [figure],
    issues: issues.map((issue) => ({ ...issue, summary: d.again(1) })),
    positions,
  };
  return { pack, displayed: displayedStrings(pack) };
}

/** Per card (entity id, `round:<id>`, `figure:<id>`), the strings it must show as they are. */
export function displayedStrings(pack) {
  const out = {};
  const publishers = (ids) => ids.map((sid) => pack.sources.find((s) => s.id === sid)?.publisher).filter(Boolean);
  const sideLabel = (sid) => pack.sides.find((s) => s.id === sid)?.label ?? sid;
  const nameOf = (eid) => pack.entities.find((e) => e.id === eid)?.name ?? eid;
  for (const e of pack.entities) {
    const issueLabel = (iid) => pack.issues.find((i) => i.id === iid)?.label ?? iid;
    const positions = pack.positions.filter((p) => p.party === e.id).flatMap((p) => [issueLabel(p.issue), p.stance]);
    out[e.id] = [
      e.name,
      ...e.aliases.map((a) => a.text).filter((t) => t !== e.name).slice(0, 6),
      e.roles[0]?.title,
      e.side ? sideLabel(e.side) : undefined,
      e.summary,
      ...positions,
      pack.title,
      ...publishers(e.sources).slice(0, 4),
    ].filter(Boolean);
  }
  for (const r of pack.rounds) {
    out[`round:${r.id}`] = [
      r.label,
      r.venue,
      ...r.mediators.map(nameOf),
      ...r.delegations.flatMap((d) => [sideLabel(d.side), nameOf(d.head), ...d.members.map(nameOf)]),
      r.outcome,
      r.nextStep,
      ...pack.rounds.map((x) => x.label),
      pack.title,
      ...publishers(r.sources).slice(0, 4),
    ].filter(Boolean);
  }
  for (const f of pack.figures) {
    out[`figure:${f.id}`] = [f.label, f.unit, ...f.claims.flatMap((c) => [c.claimant, c.note]), pack.title].filter(Boolean);
  }
  return out;
}

/** The article's text naming everything in the hostile pack: each name once, the round, the figure, the talks. */
export function hostileArticleParagraphs() {
  const n = HOSTILE_NAMES;
  return [
    `${n.lead} arrived for ${ROUND_PHRASE} on Friday, where ${n.second} led the other delegation.`,
    `The ${n.mediatorOrg} hosted ${TALKS_PHRASE}, which went on late into the night.`,
    FIGURE_SENTENCE,
    ...n.fillers.map((name, i) => `Paragraph ${i + 1}: ${name} also spoke to reporters about the talks in ${n.place}.`),
  ];
}

/**
 * JSON text of `value` with `__proto__`, `constructor` and `prototype` keys (each carrying a `polluted` marker) in
 * every object, and, where `payloadKeys` are given, payloads as unknown key names too. JSON.parse makes these own
 * properties, which is how a hostile pack would arrive.
 */
export function stringifyWithForbiddenKeys(value, { marker = 'pack', payloadKeys = [] } = {}) {
  let keyTurn = 0;
  const write = (v, depth) => {
    if (Array.isArray(v)) return `[${v.map((x) => write(x, depth + 1)).join(',')}]`;
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const parts = [];
    for (const key of FORBIDDEN) {
      parts.push(`${JSON.stringify(key)}:{"polluted":${JSON.stringify(`${marker}-${key}-${depth}`)},"prototype":{"polluted":"${marker}"}}`);
    }
    if (payloadKeys.length > 0) {
      parts.push(`${JSON.stringify(payloadKeys[keyTurn++ % payloadKeys.length])}:1`);
    }
    for (const [k, x] of Object.entries(v)) parts.push(`${JSON.stringify(k)}:${write(x, depth + 1)}`);
    return `{${parts.join(',')}}`;
  };
  return write(value, 0);
}

/** Every JSON path (a.b[0].c) at which an object sits in `value`, for checking warnings. */
export function objectPaths(value, path = '') {
  if (Array.isArray(value)) return value.flatMap((x, i) => objectPaths(x, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return [path, ...Object.entries(value).flatMap(([k, x]) => objectPaths(x, path ? `${path}.${k}` : k))];
}

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** HTML-escaped then XML-escaped: after the feed parser decodes both, the reader sees exactly `s`. */
const doubleEscaped = (s) => xml(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
const cdata = (s) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

const FORBIDDEN_ELEMENTS = `<__proto__ polluted="feed"><polluted>feed</polluted></__proto__><constructor><prototype><polluted>feed</polluted></prototype></constructor><prototype polluted="feed"><__proto__>feed</__proto__></prototype>`;

/**
 * An RSS 2.0 feed (with `forbiddenNames`, also `__proto__`/`constructor`/`prototype` element and attribute names at
 * every depth — fast-xml-parser then refuses the whole feed, so the payload feed for the browser leaves them out): items naming the lead entity whose titles carry payloads (escaped, so they should read as text;
 * and raw in CDATA, so they should be stripped), hostile links, and forbidden tag names at every depth.
 * `literal` lists the titles that must appear as written.
 */
export function buildHostileRss(payloads, urls, { base, now = Date.parse('2026-11-26T12:00:00Z'), forbiddenNames = true } = {}) {
  const FORBIDDEN_XML = forbiddenNames ? FORBIDDEN_ELEMENTS : '';
  const items = [];
  const literal = [];
  const date = (i) => new Date(now - i * 60_000).toUTCString();
  payloads.forEach((p, i) => {
    const escaped = i % 2 === 0;
    const title = `${HOSTILE_NAMES.lead} ${p.text}`;
    if (escaped && isStableText(title)) literal.push(title);
    items.push(
      `<item ${i % 7 === 0 && forbiddenNames ? '__proto__="feed" constructor="feed"' : ''}>` +
        `<title>${escaped ? doubleEscaped(title) : cdata(title)}</title>` +
        `<link>${base}/story/${p.id}</link><guid isPermaLink="false">hostile-${p.id}</guid>` +
        `<pubDate>${date(i)}</pubDate>` +
        `<description>${cdata(`<p>${HOSTILE_NAMES.lead} ${p.text}</p>`)}</description>` +
        (i % 25 === 0 ? FORBIDDEN_XML : '') +
        `</item>`,
    );
  });
  urls.forEach((u, i) => {
    items.push(
      `<item><title>${xml(`${HOSTILE_NAMES.second} link ${u.id}`)}</title><link>${xml(u.url)}</link>` +
        `<guid isPermaLink="false">url-${u.id}</guid><pubDate>${date(i)}</pubDate><description>x</description></item>`,
    );
  });
  const text =
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">${FORBIDDEN_XML}<channel>${FORBIDDEN_XML}` +
    `<title>${doubleEscaped(`Hostile RSS ${payloads[0]?.text ?? ''}`)}</title><link>${base}/</link>` +
    `<description>Invented for Backstory's tests.</description>${items.join('\n')}</channel></rss>\n`;
  return { text, literal };
}

/** The same for Atom 1.0: `type="text"` titles (XML-escaped once) and `type="html"` summaries. */
export function buildHostileAtom(payloads, urls, { base, now = Date.parse('2026-11-26T12:00:00Z'), forbiddenNames = true } = {}) {
  const FORBIDDEN_XML = forbiddenNames ? FORBIDDEN_ELEMENTS : '';
  const entries = [];
  const literal = [];
  const date = (i) => new Date(now - i * 60_000).toISOString();
  payloads.forEach((p, i) => {
    const title = `${HOSTILE_NAMES.second} ${p.text}`;
    if (isStableText(title)) literal.push(title);
    entries.push(
      `<entry><title type="text">${xml(title)}</title><link rel="alternate" type="text/html" href="${base}/atom/${p.id}"/>` +
        `<id>tag:hostile.example,2026:${p.id}</id><updated>${date(i)}</updated>` +
        `<summary type="html">${xml(p.text)}</summary>${i % 25 === 0 ? FORBIDDEN_XML : ''}</entry>`,
    );
  });
  urls.forEach((u, i) => {
    entries.push(
      `<entry><title>${xml(`${HOSTILE_NAMES.lead} atom link ${u.id}`)}</title><link href="${xml(u.url)}"/>` +
        `<id>tag:hostile.example,2026:url-${u.id}</id><updated>${date(i)}</updated></entry>`,
    );
  });
  const text =
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">${FORBIDDEN_XML}` +
    `<title type="text">Hostile Atom</title><link rel="alternate" href="${base}/"/><id>urn:hostile-atom</id>` +
    `<updated>${new Date(now).toISOString()}</updated>${entries.join('\n')}</feed>\n`;
  return { text, literal };
}

/** Text that plain-text clean-up (whitespace collapsing, entity decoding, the 300-character title cap) leaves as is. */
export function isStableText(s) {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what clean-up changes
  return s.length <= 290 && !/[&\u0000-\u001F\u007F\u00A0\u2028\u2029]| {2}/.test(s) && s.trim() === s;
}
