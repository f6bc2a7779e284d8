/**
 * Orders pack versions (`MAJOR.MINOR.PATCH` with an optional `-pre` or `+build` part, as the validator accepts),
 * so the background never replaces a newer remote copy of a pack with an older bundled one.
 */

function parse(version: string): { core: number[]; pre?: string } {
  const main = version.split('+')[0] ?? ''; // build metadata does not order versions
  const dash = main.indexOf('-');
  const core = (dash < 0 ? main : main.slice(0, dash)).split('.').map((n) => Number.parseInt(n, 10) || 0);
  return dash < 0 ? { core } : { core, pre: main.slice(dash + 1) };
}

/** Negative when `a` is older than `b`, 0 when equal (build metadata ignored), positive when newer. */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) {
    const diff = (pa.core[i] ?? 0) - (pb.core[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  // A pre-release is older than its release (1.0.0-rc.1 < 1.0.0).
  if (pa.pre === undefined || pb.pre === undefined) return Number(pa.pre === undefined) - Number(pb.pre === undefined);
  return pa.pre < pb.pre ? -1 : pa.pre > pb.pre ? 1 : 0;
}
