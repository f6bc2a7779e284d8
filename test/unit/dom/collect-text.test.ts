import { describe, expect, it } from 'vitest';
import {
  collectText,
  collectTextFrom,
  composedContains,
  composedParent,
  forEachText,
  isInsideSkipped,
  topmostNodes,
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

  it('steps over skipped subtrees wherever they stand: first, last, nested, at the end of the root', () => {
    const doc = parseHtml(
      '<body><div><section><p>a</p><div hidden><p>x</p><p>x</p></div></section></div>' +
        '<aside aria-hidden="true">x</aside><p>b <b>bold<script>x</script></b> tail</p>' +
        '<div><div><textarea>x</textarea></div></div><p>c</p><div><p>d</p><noscript>x</noscript></div></body>',
    );
    const collected = collectText(doc.body);
    expect(collected.text).toBe('a\nb bold tail\nc\nd');
    expectRoundTrip(collected);
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

describe('open shadow roots', () => {
  /** happy-dom does not assign slots: the browser's answer is given per node, as the page would get it. */
  function slotted(node: Node, slot: HTMLSlotElement | null): void {
    Object.defineProperty(node, 'assignedSlot', { value: slot, configurable: true });
  }

  function storyPage() {
    const doc = parseHtml(
      '<body><p id="before">Before the story.</p><news-story id="host"><p id="byline" slot="byline">By a correspondent</p><span id="unslotted">Never rendered Araghchi</span></news-story><p id="after">After the story.</p><div id="closed">Closed host light text.</div></body>',
    );
    const host = doc.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const h = doc.createElement('h2');
    h.textContent = 'Talks resume';
    const slot = doc.createElement('slot');
    slot.name = 'byline';
    const p = doc.createElement('p');
    p.append('Abbas Araghchi met ', 'Steve Witkoff.');
    const inner = doc.createElement('pull-quote');
    const innerShadow = inner.attachShadow({ mode: 'open' });
    const q = doc.createElement('blockquote');
    q.textContent = 'A second round could follow.';
    innerShadow.append(q);
    shadow.append(h, slot, p, inner);
    slotted(doc.getElementById('byline')!, slot);
    slotted(doc.getElementById('unslotted')!, null);
    const closedHost = doc.getElementById('closed')!;
    const closed = closedHost.attachShadow({ mode: 'closed' });
    closed.append(doc.createTextNode('Closed text naming Witkoff.'));
    return { doc, host, shadow, innerShadow, p, q };
  }

  it('reads an open shadow root where its host stands, then the slotted light children; never unslotted or closed content', () => {
    const { doc, shadow, innerShadow } = storyPage();
    const collected = collectText(doc.body);
    expect(collected.text).toBe(
      [
        'Before the story.',
        'Talks resume',
        'Abbas Araghchi met Steve Witkoff.',
        'A second round could follow.',
        'By a correspondent',
        'After the story.',
        'Closed host light text.',
      ].join('\n'),
    );
    expect(collected.shadowRoots).toEqual([shadow, innerShadow]);
    expectRoundTrip(collected);
    // Offsets map back to nodes inside the shadow trees.
    const at = collected.text.indexOf('Steve Witkoff');
    const [piece] = piecesFor(collected, at, at + 'Steve Witkoff'.length);
    expect(piece!.node.getRootNode()).toBe(shadow);
    expect(piece!.node.data.slice(piece!.start, piece!.end)).toBe('Steve Witkoff');
  });

  it('reports no shadow roots for a page without any, and collects a shadow subtree given on its own', () => {
    const plain = collectText(parseHtml('<body><p>Nothing in the shadows.</p></body>').body);
    expect(plain.shadowRoots).toBeUndefined();
    const { p, q, shadow } = storyPage();
    const collected = collectTextFrom([q, p, shadow.querySelector('h2')!]);
    expect(collected.text).toBe('A second round could follow.\nAbbas Araghchi met Steve Witkoff.\nTalks resume');
  });

  it('leaves out shadow content under a skipped host (hidden, our own UI)', () => {
    const { doc, host } = storyPage();
    host.setAttribute('hidden', '');
    expect(collectText(doc.body).text).toBe('Before the story.\nAfter the story.\nClosed host light text.');
    host.removeAttribute('hidden');
    expect(collectText(doc.body, { exclude: (el) => el === host }).text).not.toContain('Araghchi');
    // A node inside the shadow root is inside a skipped subtree when its host is.
    host.setAttribute('aria-hidden', 'true');
    expect(isInsideSkipped(host.shadowRoot!.querySelector('p')!)).toBe(true);
  });

  it('crosses shadow boundaries upwards: topmost nodes, containment, and text in composed order', () => {
    const { doc, host, shadow, innerShadow, p, q } = storyPage();
    expect(topmostNodes([q, host, p])).toEqual([host]);
    expect(topmostNodes([q, p])).toEqual([q, p]);
    expect(composedContains(doc.body, q)).toBe(true);
    expect(composedContains(shadow, q)).toBe(true);
    expect(composedContains(innerShadow, p)).toBe(false);
    expect(composedParent(shadow)).toBe(host);
    const texts: string[] = [];
    forEachText(doc.body, (t) => texts.push(t.data));
    expect(texts.join('|')).toBe(
      'Before the story.|Talks resume|Abbas Araghchi met |Steve Witkoff.|A second round could follow.|By a correspondent|Never rendered Araghchi|After the story.|Closed host light text.',
    );
    const light: string[] = [];
    forEachText(doc.body, (t) => light.push(t.data), false);
    expect(light).not.toContain('Talks resume');
  });
});

describe('a root that is itself a shadow host', () => {
  it('is read and walked from its own shadow root', () => {
    const doc = parseHtml('<body><article id="a"><p id="light" slot="x">Slotted light.</p></article></body>');
    const host = doc.getElementById('a')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const p = doc.createElement('p');
    p.textContent = 'Shadow text.';
    shadow.append(p, doc.createElement('slot'));
    expect(collectText(host).text).toBe('Shadow text.\nSlotted light.');
    expect(collectTextFrom([host]).shadowRoots).toEqual([shadow]);
    const texts: string[] = [];
    forEachText(host, (t) => texts.push(t.data));
    expect(texts).toEqual(['Shadow text.', 'Slotted light.']);
  });
});
