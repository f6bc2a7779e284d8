/** Sources offered on first run and in the options page. Real, public, and labelled for what they are. */
export interface SuggestedSource {
  url: string;
  kind: 'pack' | 'feed';
  /** Publisher's own name: not translated. */
  title: string;
  /** Message key of a one-line description of what it brings. */
  about: 'suggest_pack_about' | 'suggest_aljazeera_about' | 'suggest_bbc_about' | 'suggest_guardian_about';
}

export const SUGGESTED_SOURCES: readonly SuggestedSource[] = [
  {
    url: 'https://backstory-news.github.io/packs/us-iran-talks.json',
    kind: 'pack',
    title: 'Backstory: US–Iran talks story pack',
    about: 'suggest_pack_about',
  },
  {
    url: 'https://www.aljazeera.com/xml/rss/all.xml',
    kind: 'feed',
    title: 'Al Jazeera English — all news',
    about: 'suggest_aljazeera_about',
  },
  {
    url: 'https://feeds.bbci.co.uk/news/world/middle_east/rss.xml',
    kind: 'feed',
    title: 'BBC News — Middle East',
    about: 'suggest_bbc_about',
  },
  {
    url: 'https://www.theguardian.com/world/iran/rss',
    kind: 'feed',
    title: 'The Guardian — Iran',
    about: 'suggest_guardian_about',
  },
];
