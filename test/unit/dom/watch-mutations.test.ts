import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectTextFrom } from '@/utils/dom/collect-text';
import { afterNextFrame, expandToBlocks, watchText, type TextWatcher } from '@/utils/dom/watch-mutations';
import { parseHtml } from './load-fixture';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
let watcher: TextWatcher | undefined;

afterEach(() => watcher?.disconnect());

function setup(html = '<body><article><p id="p">Talks in <b id="b">Muscat</b> resumed.</p></article></body>') {
  const doc = parseHtml(html);
  const root = doc.querySelector('article')!;
  const onChange = vi.fn();
  const runs: (() => void)[] = [];
  watcher = watchText(root, onChange, { schedule: (run) => runs.push(run), exclude: (el) => el.id === 'host' });
  return { doc, root, onChange, runs };
}

describe('watchText', () => {
  it('batches additions into one call per scheduled flush, topmost nodes only', async () => {
    const { doc, root, onChange, runs } = setup();
    const section = doc.createElement('section');
    const p = doc.createElement('p');
    p.textContent = 'Araghchi arrived in Geneva.';
    section.appendChild(p);
    root.appendChild(section);
    const note = doc.createElement('p');
    note.textContent = 'A second paragraph.';
    section.appendChild(note);
    await tick();
    expect(runs).toHaveLength(1);
    expect(onChange).not.toHaveBeenCalled();
    runs[0]!();
    expect(onChange).toHaveBeenCalledOnce();
    const [added, changed] = onChange.mock.calls[0]!;
    expect(added).toEqual([section]);
    expect(changed).toEqual([]);
    expect(collectTextFrom(added).text).toBe('Araghchi arrived in Geneva.\nA second paragraph.');
  });

  it('reports changed text nodes, and not those inside nodes added in the same batch', async () => {
    const { doc, root, onChange } = setup();
    const muscat = doc.getElementById('b')!.firstChild as Text;
    muscat.data = 'Geneva';
    const fresh = doc.createElement('p');
    fresh.append('New text');
    root.appendChild(fresh);
    (fresh.firstChild as Text).data = 'New text, changed';
    await tick();
    watcher!.flush();
    const [added, changed] = onChange.mock.calls[0]!;
    expect(added).toEqual([fresh]);
    expect(changed).toEqual([muscat]);
  });

  it('ignores our own UI host, skipped elements and whitespace-only additions', async () => {
    const { doc, root, onChange } = setup();
    const host = doc.createElement('div');
    host.id = 'host';
    host.textContent = 'card text';
    root.appendChild(host);
    const script = doc.createElement('script');
    root.appendChild(script);
    script.textContent = 'var x = 1;';
    const editable = doc.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    root.appendChild(editable);
    await tick();
    editable.append('typing');
    root.append('   ');
    host.append(' more');
    await tick();
    watcher!.flush();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reports nodes that left the document, not nodes moved within it', async () => {
    const { doc, root, onChange } = setup();
    const p = doc.getElementById('p')!;
    const b = doc.getElementById('b')!;
    root.appendChild(b); // moved
    p.remove(); // removed
    await tick();
    watcher!.flush();
    const [added, , removed] = onChange.mock.calls[0]!;
    expect(added).toEqual([b]);
    expect(removed).toEqual([p]);
  });

  it('stops after disconnect and survives a throwing listener', async () => {
    const { doc, root, onChange, runs } = setup();
    onChange.mockImplementation(() => {
      throw new Error('listener bug');
    });
    root.append(doc.createTextNode('first'));
    await tick();
    expect(() => runs[0]!()).not.toThrow();
    watcher!.disconnect();
    root.append(doc.createTextNode('second'));
    await tick();
    watcher!.flush();
    expect(onChange).toHaveBeenCalledOnce();
  });
});

describe('expandToBlocks', () => {
  it('widens inline nodes to their paragraph and keeps the topmost block', () => {
    const doc = parseHtml(
      '<body><article><div id="d"><p id="p">A <b id="b">bold</b> word</p></div><span id="s">loose</span></article></body>',
    );
    const root = doc.querySelector('article')!;
    const bold = doc.getElementById('b')!.firstChild!;
    expect(expandToBlocks([bold, doc.getElementById('b')!], root)).toEqual([doc.getElementById('p')]);
    expect(expandToBlocks([bold, doc.getElementById('d')!], root)).toEqual([doc.getElementById('d')]);
    const loose = doc.getElementById('s')!.firstChild!;
    expect(expandToBlocks([loose], root)).toEqual([doc.getElementById('s')]);
  });
});

describe('watchText.reset and skip decisions per batch', () => {
  it('drops changes seen so far (a full rescan has read them), then reports later ones', async () => {
    const { doc, root, onChange, runs } = setup();
    const first = doc.createElement('p');
    first.textContent = 'Read by a full rescan.';
    root.appendChild(first);
    await tick();
    watcher!.reset();
    for (const run of runs.splice(0)) run();
    expect(onChange).not.toHaveBeenCalled();
    const second = doc.createElement('p');
    second.textContent = 'Added after it.';
    root.appendChild(second);
    watcher!.flush();
    expect(onChange).toHaveBeenCalledOnce();
    expect(onChange.mock.calls[0]![0]).toEqual([second]);
  });

  it('hands the batch its skip cache, filled with the ancestors it asked about', async () => {
    const { doc, root, onChange } = setup();
    const p = doc.createElement('p');
    p.textContent = 'Witkoff left Muscat.';
    root.appendChild(p);
    watcher!.flush();
    const cache = onChange.mock.calls[0]![3] as Map<Element, boolean>;
    expect(cache).toBeInstanceOf(Map);
    expect(cache.get(root)).toBe(false);
    expect(cache.get(p)).toBe(false);
  });
});


describe('watchText and open shadow roots', () => {
  it('sees into the shadow roots it is told to observe: additions, text changes and removals there', async () => {
    const { doc, root, onChange } = setup('<body><article><news-story id="story"></news-story></article></body>');
    const shadow = doc.getElementById('story')!.attachShadow({ mode: 'open' });
    const first = doc.createElement('p');
    first.textContent = 'Araghchi spoke first.';
    shadow.append(first);
    await tick();
    watcher!.flush();
    // Not observed yet: a mutation observer does not see into shadow trees by itself.
    expect(onChange).not.toHaveBeenCalled();
    watcher!.observe(shadow);
    watcher!.observe(shadow);
    const second = doc.createElement('p');
    second.textContent = 'Witkoff answered.';
    shadow.append(second);
    (first.firstChild as Text).data = 'Araghchi spoke first, briefly.';
    await tick();
    watcher!.flush();
    expect(onChange).toHaveBeenCalledOnce();
    const [added, changed] = onChange.mock.calls[0]!;
    expect(added).toEqual([second]);
    expect(changed).toEqual([first.firstChild]);
    expect(expandToBlocks(changed, root)).toEqual([first]);
    second.remove();
    await tick();
    watcher!.flush();
    expect(onChange.mock.calls[1]![2]).toEqual([second]);
  });

  it('reports an added web component whose text is all in its shadow root', async () => {
    const { doc, root, onChange } = setup();
    const wrapper = doc.createElement('div');
    const story = doc.createElement('news-story');
    story.attachShadow({ mode: 'open' }).append(doc.createTextNode('Muscat hosted the talks.'));
    wrapper.append(story);
    const empty = doc.createElement('div');
    empty.attachShadow({ mode: 'open' }).append(doc.createTextNode('   '));
    root.append(wrapper, empty);
    await tick();
    watcher!.flush();
    expect(onChange.mock.calls[0]![0]).toEqual([wrapper]);
    expect(collectTextFrom([wrapper]).text).toBe('Muscat hosted the talks.');
  });
});

describe('afterNextFrame (the default schedule)', () => {
  it('flushes in a task after the next frame, not in the frame callback', async () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    try {
      const doc = parseHtml('<body><article><p>Talks in Muscat.</p></article></body>');
      const onChange = vi.fn();
      watcher = watchText(doc.querySelector('article')!, onChange);
      const p = doc.createElement('p');
      p.textContent = 'Araghchi arrived.';
      doc.querySelector('article')!.append(p);
      await Promise.resolve();
      await Promise.resolve();
      expect(frames).toHaveLength(1);
      frames[0]!(0);
      // Still inside the frame: its style and layout come first.
      expect(onChange).not.toHaveBeenCalled();
      vi.advanceTimersByTime(0);
      expect(onChange).toHaveBeenCalledOnce();
      expect(onChange.mock.calls[0]![0]).toEqual([p]);
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });

  it('runs the callback after a frame and a task', () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    try {
      const run = vi.fn();
      afterNextFrame(run);
      vi.advanceTimersByTime(100);
      expect(run).not.toHaveBeenCalled();
      frames[0]!(0);
      expect(run).not.toHaveBeenCalled();
      vi.advanceTimersByTime(0);
      expect(run).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });
});
