/** A repeatable random integer in `[0, k)` from a small linear congruential generator, for generated test inputs. */
export function seededRandom(seed: number): (k: number) => number {
  let state = seed;
  return (k) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % k;
  };
}
