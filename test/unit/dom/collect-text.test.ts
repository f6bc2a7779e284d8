import { describe, expect, it } from 'vitest';
import {
  collectText,
  collectTextFrom,
  isInsideSkipped,
  locate,
  piecesFor,
  type CollectedText,
} from '@/utils/dom/collect-text';
import { loadFixture, parseHtml } from './load-fixture';

const isOurHost = (el: Element) => el.id === 'backstory-host';

function collectFixture(): CollectedText {
  const doc = loadFixture('collect.html');
  return collectText(doc.querySelector('article')!, { exclude: isOurHost });
}

function expectRoundTrip(collected: CollectedText): void {
  expect(collected.starts).toHaveLength(collected.nodes.length);
  collected.nodes.forEach((node, i) => {
    const start = collected.starts[i]!;
    expect(collected.text.slice(start, start + node.data.length)).toBe(node.data);
  });
}

describe('collectText', () => {
  it('joins inline runs, breaks blocks and skips what is not prose', () => {
    expect(collectFixture().text).toBe(
      [
        'Talks resume in Muscat',
        'Foreign Minister Abbas Araghchi met Steve Witkoff on Saturday.',
        'First line',
        'second line',
        'Outer text',
        'inner paragraph',
        'tail text',
        'One',
        'Two',
        'Cell text follows.',
        'Left cell',
        'Right cell',
        'code stays',
        'not editable text',
        'Last paragraph.',
      ].join('\n'),
    );
  });

  it('maps every node back to its place in the text', () => {
    const collected = collectFixture();
    expect(collected.nodes.length).toBeGreaterThan(15);
    expectRoundTrip(collected);
    for (const node of collected.nodes) expect(node.data.trim()).not.toBe('');
  });

  it('leaves out the excluded host and includes it without the option', () => {
    const doc = loadFixture('collect.html');
    const article = doc.querySelector('article')!;
    expect(collectText(article, { exclude: isOurHost }).text).not.toContain('our own UI');
    expect(collectText(article).text).toContain('our own UI');
  });

  it('finds CSS-hidden blocks only when asked to', () => {
    const doc = parseHtml('<body><p style="display:none">gone</p><p>kept</p></body>');
    expect(collectText(doc.body).text).toBe('kept');
    expect(collectText(doc.body, { detectCssHidden: false }).text).toBe('gone\nkept');
  });

  it('returns nothing for a root inside a skipped subtree', () => {
    const doc = parseHtml('<body><div contenteditable><p id="x">typed</p></div><p>prose</p></body>');
    const inside = doc.getElementById('x')!;
    expect(isInsideSkipped(inside)).toBe(true);
    expect(collectText(inside).text).toBe('');
    expect(collectText(doc.body).text).toBe('prose');
  });

  it('does not separate inline tags without whitespace between them', () => {
    const doc = parseHtml('<body><p><span>Arag</span><span>hchi</span>, said <em> he </em>would</p></body>');
    const collected = collectText(doc.body);
    expect(collected.text).toBe('Araghchi, said  he would');
    expectRoundTrip(collected);
  });

  it('treats images as inline', () => {
    const doc = parseHtml('<body><p>the second<img alt=""> round</p></body>');
    expect(collectText(doc.body).text).toBe('the second round');
  });

  it('stops at maxChars and says so', () => {
    const doc = parseHtml('<body><p>one two</p><p>three</p><p>four</p></body>');
    const collected = collectText(doc.body, { maxChars: 8 });
    expect(collected.text).toBe('one two\nthree');
    expect(collected.truncated).toBe(true);
    expect(collectText(doc.body).truncated).toBeUndefined();
  });

  it('collects a text node root', () => {
    const doc = parseHtml('<body><p>Only this</p></body>');
    const text = doc.querySelector('p')!.firstChild!;
    expect(collectText(text).text).toBe('Only this');
  });
});

describe('collectTextFrom', () => {
  it('collects only the given subtrees, each on its own line', () => {
    const doc = parseHtml('<body><p id="a">Alpha <b>beta</b></p><p>skip me</p><span id="c">gamma</span></body>');
    const collected = collectTextFrom([doc.getElementById('a')!, doc.getElementById('c')!]);
    expect(collected.text).toBe('Alpha beta\ngamma');
    expectRoundTrip(collected);
  });

  it('collects a subtree listed twice or inside another listed subtree once', () => {
    const doc = parseHtml('<body><div id="d"><p id="p">Once</p></div></body>');
    const p = doc.getElementById('p')!;
    expect(collectTextFrom([p, doc.getElementById('d')!, p]).text).toBe('Once');
  });

  it('drops detached nodes and nodes inside skipped elements', () => {
    const doc = parseHtml('<body><div aria-hidden="true"><p id="h">hidden</p></div><p id="v">visible</p></body>');
    const detached = doc.createElement('p');
    detached.textContent = 'detached';
    const collected = collectTextFrom([doc.getElementById('h')!, detached, doc.getElementById('v')!]);
    expect(collected.text).toBe('visible');
  });
});

describe('locate', () => {
  it('round-trips every offset inside nodes', () => {
    const collected = collectFixture();
    collected.nodes.forEach((node, i) => {
      for (let local = 0; local < node.data.length; local++) {
        expect(locate(collected, collected.starts[i]! + local)).toEqual({ node, offset: local });
      }
    });
  });

  it('maps a separator to the end of the node before it and rejects offsets outside the text', () => {
    const collected = collectFixture();
    const firstEnd = collected.nodes[0]!.data.length;
    expect(collected.text[firstEnd]).toBe('\n');
    expect(locate(collected, firstEnd)).toEqual({ node: collected.nodes[0], offset: firstEnd });
    expect(locate(collected, -1)).toBeUndefined();
    expect(locate(collected, collected.text.length + 1)).toBeUndefined();
    expect(locate(collected, 1.5)).toBeUndefined();
    expect(locate({ text: '', nodes: [], starts: [] }, 0)).toBeUndefined();
  });
});

describe('piecesFor', () => {
  it('splits a span across inline nodes and skips the separator', () => {
    const collected = collectFixture();
    const start = collected.text.indexOf('Abbas Araghchi');
    const pieces = piecesFor(collected, start, start + 'Abbas Araghchi'.length);
    expect(pieces.map((p) => p.node.data.slice(p.start, p.end))).toEqual(['Abbas', ' Araghchi']);

    const across = collected.text.indexOf('Steve Witkoff');
    const names = piecesFor(collected, across, across + 'Steve Witkoff'.length);
    // The space between is a separator standing for a whitespace-only node: no piece.
    expect(names.map((p) => p.node.data.slice(p.start, p.end))).toEqual(['Steve', 'Witkoff']);
  });

  it('returns one piece inside a single node and nothing for an empty span', () => {
    const collected = collectFixture();
    const start = collected.text.indexOf('Muscat');
    const pieces = piecesFor(collected, start, start + 6);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.node.data.slice(pieces[0]!.start, pieces[0]!.end)).toBe('Muscat');
    expect(piecesFor(collected, start, start)).toEqual([]);
  });
});
