export interface HostileUrl {
  id: number;
  category: string;
  url: string;
  /** May a pack cite it as a source, or a reader add it as a source. */
  source: boolean;
  /** May it become an `<a href>` in a view. */
  link: boolean;
}
export function generateHostileUrls(): HostileUrl[];
