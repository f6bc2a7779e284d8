import type { EntityCardData, FigureCardData, RoundCardData } from '@/utils/messaging/views';

const common = {
  asOf: '2026-06-30',
  packTitle: 'US–Iran nuclear talks',
  reportUrl: 'https://example.org/report',
  sources: [{ url: 'https://news.example/a', host: 'news.example', publisher: 'Example News', date: '2026-02-06' }],
};

export const entityCard: EntityCardData = {
  ...common,
  type: 'entity',
  id: 'abbas-araghchi',
  kind: 'person',
  name: 'Abbas Araghchi',
  aliases: ['Abbas Araghchi', 'Araqchi', 'عباس عراقچی'],
  role: 'Foreign minister of Iran',
  side: 'Iran',
  summary: 'Leads Iran’s delegation.',
  positions: [{ issue: 'Enrichment', stance: 'Not negotiable.', date: '2025-05-11', sources: [] }],
  rounds: [{ id: 'r2026-1', label: 'Round 1 (Muscat)', dateStart: '2026-02-06' }],
  coverage: [],
};

export const roundCard: RoundCardData = {
  ...common,
  type: 'round',
  id: 'r2026-1',
  general: false,
  label: 'Round 1 (Muscat)',
  dateStart: '2026-02-06',
  venue: 'Muscat, Oman',
  format: 'indirect',
  mediators: ['Badr al-Busaidi'],
  delegations: [{ side: 'Iran', head: 'Abbas Araghchi', members: ['Majid Takht-Ravanchi'] }],
  status: 'held',
  outcome: 'A good start.',
  nextStep: 'Consult capitals.',
  timeline: [
    { id: 'r2025-1', label: 'Round 1', dateStart: '2025-04-12', status: 'held', type: 'round', current: false },
    { id: 'r2026-1', label: 'Round 1 (Muscat)', dateStart: '2026-02-06', status: 'held', type: 'round', current: true },
  ],
};

export const figureCard: FigureCardData = {
  ...common,
  type: 'figure',
  id: 'protest-death-toll',
  label: 'Death toll of the protests',
  unit: 'people killed',
  articleValue: 3000,
  claims: [
    { id: 'gov', claimant: 'Iranian government', value: 3117, bound: 'exact', qualifier: 'official', asOf: '2026-01-21', matched: false, sources: [] },
    { id: 'hrana', claimant: 'HRANA', value: 3000, bound: 'more-than', asOf: '2026-01-15', matched: true, sources: [] },
    { id: 'proj', claimant: 'Projection', low: 10000, bound: 'more-than', qualifier: 'projection', asOf: '2026-01-27', matched: false, sources: [] },
  ],
};
