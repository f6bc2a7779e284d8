/**
 * A hand-written Aho–Corasick automaton over UTF-16 code units, stored in typed arrays only so it survives
 * structured cloning into IndexedDB and back into a woken service worker.
 *
 * The trie is built from the sorted keys in one pass (nodes in preorder, each node's edges contiguous and sorted by
 * code unit), so building needs no per-node objects; transitions from the root use a dense table because most
 * text positions sit at the root.
 */

export interface Automaton {
  nodeCount: number;
  /** Edges of node `n` are `edgeStart[n] .. edgeStart[n + 1]`, sorted by `edgeChar`. */
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  edgeTarget: Int32Array;
  /** Child of the root for each code unit; 0 when none (the root is never a child). */
  rootNext: Int32Array;
  fail: Int32Array;
  /** Key id ending at this node, or -1. */
  keyAt: Int32Array;
  /** Nearest node on the failure chain (excluding itself) where a key ends, or -1. */
  outLink: Int32Array;
  /** Length in code units of each key. */
  keyLength: Int32Array;
  /**
   * Complete transitions (failure links already followed) on ASCII code units for the shallow states where the
   * scan spends ~90% of its steps: row of node `n` is `asciiRow[n]` (-1 for deeper nodes), entry
   * `asciiNext[row * 128 + c]`.
   */
  asciiRow: Int16Array;
  asciiNext: Int32Array;
}

/** States within this depth of the root get complete ASCII rows. */
const DENSE_DEPTH = 2;
/** Cap on dense rows (128 × 4 bytes each), so a huge alphabet of first letters cannot blow up the index. */
const MAX_DENSE_ROWS = 4096;

const ROOT = 0;

/** Builds the automaton; key ids are positions in `keys` (duplicates must be merged by the caller). */
export function buildAutomaton(keys: readonly string[]): Automaton {
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
  const keyLength = new Int32Array(keys.length);

  // Preorder construction from sorted keys: `path[d]` is the node at depth d on the previous key's path.
  const path = new Int32Array(1 + maxLength);
  path[0] = ROOT;
  let nodeCount = 1;
  let prev = '';
  for (const id of order) {
    const key = keys[id]!;
    keyLength[id] = key.length;
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

  const automaton: Automaton = {
    nodeCount,
    edgeStart,
    edgeChar,
    edgeTarget,
    rootNext,
    fail: new Int32Array(nodeCount),
    keyAt: keyAtBig.slice(0, nodeCount),
    outLink: new Int32Array(nodeCount).fill(-1),
    keyLength,
    asciiRow: new Int16Array(nodeCount).fill(-1),
    asciiNext: new Int32Array(0),
  };
  linkFailures(automaton, parent, charOf);
  return automaton;
}

/** Dense ASCII rows for `shallow` (BFS order, so a node's failure row is always filled before it). */
function fillAsciiRows(a: Automaton, shallow: readonly number[]): void {
  const next = new Int32Array(shallow.length * 128);
  shallow.forEach((node, row) => {
    a.asciiRow[node] = row;
    const failRow = node === ROOT ? -1 : a.asciiRow[a.fail[node]!]!;
    for (let c = 0; c < 128; c++) {
      const t = step(a, node, c);
      next[row * 128 + c] = t > 0 || failRow < 0 ? t : next[failRow * 128 + c]!;
    }
  });
  a.asciiNext = next;
}

/**
 * Sets failure and output links in BFS order. Once every shallow state is linked, their dense ASCII rows are
 * filled, and deeper states resolve their failure chains through those rows in one lookup.
 */
function linkFailures(a: Automaton, parent: Int32Array, charOf: Uint16Array): void {
  const queue = new Int32Array(a.nodeCount);
  const depth = new Uint16Array(a.nodeCount);
  const shallow: number[] = [ROOT];
  let rowsFilled = false;
  let head = 0;
  let tail = 0;
  for (let e = a.edgeStart[ROOT]!; e < a.edgeStart[ROOT + 1]!; e++) {
    const child = a.edgeTarget[e]!;
    depth[child] = 1;
    queue[tail++] = child;
  }
  while (head < tail) {
    const v = queue[head++]!;
    if (!rowsFilled && (depth[v]! > DENSE_DEPTH || shallow.length >= MAX_DENSE_ROWS)) {
      fillAsciiRows(a, shallow);
      rowsFilled = true;
    }
    if (!rowsFilled) shallow.push(v);
    for (let e = a.edgeStart[v]!; e < a.edgeStart[v + 1]!; e++) {
      const child = a.edgeTarget[e]!;
      depth[child] = depth[v]! + 1;
      queue[tail++] = child;
    }
    const p = parent[v]!;
    if (p === ROOT) continue; // fail stays ROOT
    const c = charOf[v]!;
    let f = a.fail[p]!;
    let target = ROOT;
    for (;;) {
      const row = rowsFilled && c < 128 ? a.asciiRow[f]! : -1;
      if (row >= 0) {
        target = a.asciiNext[(row << 7) | c]!;
        break;
      }
      const t = step(a, f, c);
      if (t > 0) {
        target = t;
        break;
      }
      if (f === ROOT) break;
      f = a.fail[f]!;
    }
    a.fail[v] = target;
    a.outLink[v] = a.keyAt[target]! >= 0 ? target : a.outLink[target]!;
  }
  if (!rowsFilled) fillAsciiRows(a, shallow);
}

/** The child of `node` on code unit `c`, or 0 when there is none. */
export function step(a: Automaton, node: number, c: number): number {
  if (node === ROOT) return a.rootNext[c]!;
  let lo = a.edgeStart[node]!;
  let hi = a.edgeStart[node + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = a.edgeChar[mid]!;
    if (m === c) return a.edgeTarget[mid]!;
    if (m < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** The next state after reading `c` in `state` (following failure links). */
export function advance(a: Automaton, state: number, c: number): number {
  for (;;) {
    const t = step(a, state, c);
    if (t > 0) return t;
    if (state === ROOT) return ROOT;
    state = a.fail[state]!;
  }
}
