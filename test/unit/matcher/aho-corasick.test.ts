import { describe, expect, it } from 'vitest';
import { advance, buildAutomaton, type Automaton } from '../../../utils/matcher/aho-corasick';

/** Every (start, keyId) found by walking the automaton, as the matcher does. */
function findAll(a: Automaton, text: string): [number, number][] {
  const out: [number, number][] = [];
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    state = advance(a, state, text.charCodeAt(i));
    let node = a.keyAt[state]! >= 0 ? state : a.outLink[state]!;
    while (node >= 0) {
      const key = a.keyAt[node]!;
      out.push([i + 1 - a.keyLength[key]!, key]);
      node = a.outLink[node]!;
    }
  }
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

function naive(keys: string[], text: string): [number, number][] {
  const out: [number, number][] = [];
  keys.forEach((k, id) => {
    for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + 1)) out.push([at, id]);
  });
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

describe('buildAutomaton', () => {
  it('finds every occurrence of every key, overlapping ones included', () => {
    const keys = ['he', 'she', 'his', 'hers', 'us', 'iran', 'iran talks', 'ran'];
    const text = 'ushers said iran talks ran; she his hers';
    expect(findAll(buildAutomaton(keys), text)).toEqual(naive(keys, text));
  });

  it('agrees with a naive search on random keys and text', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = 'abcد ';
    const word = (len: number) => Array.from({ length: len }, () => alphabet[rand(alphabet.length)]).join('');
    const keys = [...new Set(Array.from({ length: 60 }, () => word(1 + rand(5))))];
    const text = word(2000);
    expect(findAll(buildAutomaton(keys), text)).toEqual(naive(keys, text));
  });

  it('is plain structured-cloneable data', () => {
    const a = buildAutomaton(['oman', 'muscat']);
    const copy = structuredClone(a);
    expect(findAll(copy, 'muscat, oman')).toEqual(findAll(a, 'muscat, oman'));
  });
});

describe('dense ASCII rows', () => {
  it('give the same next state as following failure links', () => {
    const keys = ['the talks', 'talks', 'tehran', 'iran', 'ran', 'us-iran talks', 'araghchi', 'عراقچی', 'he'];
    const a = buildAutomaton(keys);
    let rows = 0;
    for (let node = 0; node < a.nodeCount; node++) {
      const row = a.asciiRow[node]!;
      if (row < 0) continue;
      rows++;
      for (let c = 0; c < 128; c++) expect(a.asciiNext[row * 128 + c]).toBe(advance(a, node, c));
    }
    expect(rows).toBeGreaterThan(1);
  });
});
