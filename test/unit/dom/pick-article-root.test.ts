import { describe, expect, it } from 'vitest';
import { pickArticleRoot } from '@/utils/dom/pick-article-root';
import { loadFixture, parseHtml } from './load-fixture';

const LONG = 'The delegations met for several hours and agreed to continue the indirect talks next week. '.repeat(4);

describe('pickArticleRoot', () => {
  it('prefers articleBody over the surrounding article', () => {
    const doc = parseHtml(
      `<body><article><h1>Title</h1><div itemprop="articleBody"><p>${LONG}</p></div><p>${LONG}</p></article></body>`,
    );
    expect(pickArticleRoot(doc).getAttribute('itemprop')).toBe('articleBody');
  });

  it('takes the longest article and ignores teaser-sized ones', () => {
    const doc = parseHtml(
      `<body><article id="teaser"><p>Short teaser.</p></article><article id="story"><p>${LONG}</p></article></body>`,
    );
    expect(pickArticleRoot(doc).id).toBe('story');
  });

  it('falls back to main when no article is long enough', () => {
    const doc = parseHtml(`<body><article><p>Teaser.</p></article><main id="m"><p>${LONG}</p></main></body>`);
    expect(pickArticleRoot(doc).id).toBe('m');
    const roleMain = parseHtml(`<body><div role="main" id="r"><p>${LONG}</p></div></body>`);
    expect(pickArticleRoot(roleMain).id).toBe('r');
  });

  it('picks the paragraphs container by text density without semantic markup', () => {
    const doc = loadFixture('article-root.html');
    expect(pickArticleRoot(doc).className).toBe('story');
  });

  it('falls back to body on a page without prose', () => {
    const doc = parseHtml('<body><div><span>Menu</span></div></body>');
    expect(pickArticleRoot(doc)).toBe(doc.body);
  });
});
