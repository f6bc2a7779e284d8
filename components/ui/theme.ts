import type { ThemeChoice } from '@/utils/model/settings';

/** Applies the reader's theme to one of our pages: `auto` follows prefers-color-scheme (see page.css). */
export function applyTheme(root: HTMLElement, theme: ThemeChoice): void {
  if (theme === 'auto') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
