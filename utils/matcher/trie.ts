/**
 * The alias trie and its first-word gate, stored in typed arrays only so they survive structured cloning into
 * IndexedDB and back into a woken service worker.
 *
 * Every alias must start at a word start (or, in Arabic script, right after a clitic prefix) and end at a word end,
 * so the page scan reads the text word by word: it hashes each word as it passes and walks the trie only from
 * words that begin some alias. Most words of a page begin none, so most of the text costs one table lookup per code
 * unit — cheaper than an Aho–Corasick automaton, whose state tables for 10k+ aliases no longer fit in cache.
 */
import { isWordUnitAt } from '../text/char-class';
import { wordHash } from '../text/word-hash';

export interface Trie {
  nodeCount: number;
  /** Edges of node `n` are `edgeStart[n] .. edgeStart[n + 1]`, sorted by `edgeChar`. */
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  edgeTarget: Int32Array;
  /** Child of the root for each code unit; 0 when none (the root is never a child). */
  rootNext: Int32Array;
  /** Key id ending at this node, or -1. */
  keyAt: Int32Array;
  /** Open-addressing set of `wordHash` values of every key's first word (0 = empty slot). */
  firstWords: Int32Array;
  /** Whether some key starts with a character that is not a word character (a quote, say). */
  nonWordStart: boolean;
}

const ROOT = 0;

/** Whether the set holds `hash` (a `wordHash` value; 0 is stored as 1, since 0 marks an empty slot). */
export function hasFirstWord(table: Int32Array, hash: number): boolean {
  const h = hash === 0 ? 1 : hash;
  const mask = table.length - 1;
  let slot = h & mask;
  for (;;) {
    const v = table[slot]!;
    if (v === h) return true;
    if (v === 0) return false;
    slot = (slot + 1) & mask;
  }
}

function firstWordTable(keys: readonly string[]): { table: Int32Array; nonWordStart: boolean } {
  const hashes = new Set<number>();
  let nonWordStart = false;
  const units: number[] = [];
  for (const key of keys) {
    units.length = 0;
    for (let i = 0; i < key.length; i++) units.push(key.charCodeAt(i));
    let end = 0;
    while (end < units.length && isWordUnitAt(units, end, units.length)) end++;
    units.length = end;
    if (units.length === 0) nonWordStart = true;
    else hashes.add(wordHash(units, 0, units.length));
  }
  let size = 16;
  while (size < hashes.size * 2) size <<= 1;
  const table = new Int32Array(size);
  const mask = size - 1;
  for (const raw of hashes) {
    const h = raw === 0 ? 1 : raw;
    let slot = h & mask;
    while (table[slot] !== 0 && table[slot] !== h) slot = (slot + 1) & mask;
    table[slot] = h;
  }
  return { table, nonWordStart };
}

/** Builds the trie; key ids are positions in `keys` (duplicates must be merged by the caller). */
export function buildTrie(keys: readonly string[]): Trie {
  const order = keys.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! <= keys[i]!;
  if (!sorted) order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));

  let totalChars = 0;
  let maxLength = 0;
  for (const k of keys) {
    totalChars += k.length;
    if (k.length > maxLength) maxLength = k.length;
  }
  const maxNodes = totalChars + 1;
  const parent = new Int32Array(maxNodes);
  const charOf = new Uint16Array(maxNodes);
  const keyAtBig = new Int32Array(maxNodes).fill(-1);

  // Preorder construction from sorted keys: `path[d]` is the node at depth d on the previous key's path.
  const path = new Int32Array(1 + maxLength);
  path[0] = ROOT;
  let nodeCount = 1;
  let prev = '';
  for (const id of order) {
    const key = keys[id]!;
    let common = 0;
    const limit = Math.min(prev.length, key.length);
    while (common < limit && prev.charCodeAt(common) === key.charCodeAt(common)) common++;
    for (let d = common; d < key.length; d++) {
      const node = nodeCount++;
      parent[node] = path[d]!;
      charOf[node] = key.charCodeAt(d);
      path[d + 1] = node;
    }
    if (key.length > 0) keyAtBig[path[key.length]!] = id;
    prev = key;
  }

  // Children are contiguous: in preorder from sorted keys, siblings appear in code-unit order.
  const edgeStart = new Int32Array(nodeCount + 1);
  for (let v = 1; v < nodeCount; v++) edgeStart[parent[v]! + 1]!++;
  for (let n = 0; n < nodeCount; n++) edgeStart[n + 1]! += edgeStart[n]!;
  const cursor = edgeStart.slice(0, nodeCount);
  const edgeChar = new Uint16Array(Math.max(0, nodeCount - 1));
  const edgeTarget = new Int32Array(Math.max(0, nodeCount - 1));
  const rootNext = new Int32Array(0x10000);
  for (let v = 1; v < nodeCount; v++) {
    const p = parent[v]!;
    const slot = cursor[p]!++;
    edgeChar[slot] = charOf[v]!;
    edgeTarget[slot] = v;
    if (p === ROOT) rootNext[charOf[v]!] = v;
  }

  const { table, nonWordStart } = firstWordTable(keys);
  return {
    nodeCount,
    edgeStart,
    edgeChar,
    edgeTarget,
    rootNext,
    keyAt: keyAtBig.slice(0, nodeCount),
    firstWords: table,
    nonWordStart,
  };
}

/** The child of `node` on code unit `c`, or 0 when there is none. */
export function child(t: Trie, node: number, c: number): number {
  if (node === ROOT) return t.rootNext[c]!;
  let lo = t.edgeStart[node]!;
  let hi = t.edgeStart[node + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = t.edgeChar[mid]!;
    if (m === c) return t.edgeTarget[mid]!;
    if (m < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
