import type { ClaimView, FigureCardData } from '@/utils/messaging/views';
import { formatClaimValue, formatDate, formatNumber, QUALIFIER_LABEL } from '../ui/format';
import { SourceLinks } from '../ui/SourceLinks';

export interface FigureCardBodyProps {
  data: FigureCardData;
}

function claimExtent(c: ClaimView): [number, number] | null {
  const lo = c.low ?? c.value;
  const hi = c.high ?? c.value;
  if (lo === undefined && hi === undefined) return null;
  return [lo ?? hi ?? 0, hi ?? lo ?? 0];
}

/** One claimant's claims: the latest is the headline, the earlier ones its history. */
interface ClaimGroup {
  claimant: string;
  latest: ClaimView;
  earlier: ClaimView[];
}

/**
 * Groups claims by claimant (a rights group's running count is one row, not ten), newest first inside a group, and
 * orders the groups by their latest value, smallest first, so the card reads as a ladder; claims without a number
 * (statements) come last. Pure: exported for tests.
 */
export function groupClaims(claims: readonly ClaimView[]): ClaimGroup[] {
  const byClaimant = new Map<string, ClaimView[]>();
  for (const claim of claims) {
    const list = byClaimant.get(claim.claimant) ?? [];
    list.push(claim);
    byClaimant.set(claim.claimant, list);
  }
  const groups: ClaimGroup[] = [];
  for (const [claimant, list] of byClaimant) {
    const sorted = list
      .map((claim, order) => ({ claim, order }))
      .sort((a, b) => b.claim.asOf.localeCompare(a.claim.asOf) || b.order - a.order)
      .map((x) => x.claim);
    groups.push({ claimant, latest: sorted[0]!, earlier: sorted.slice(1) });
  }
  const key = (g: ClaimGroup) => claimExtent(g.latest)?.[0] ?? Number.POSITIVE_INFINITY;
  return groups
    .map((group, order) => ({ group, order }))
    .sort((a, b) => key(a.group) - key(b.group) || a.order - b.order)
    .map((x) => x.group);
}

/** Two significant digits are enough for the axis's lower end. */
function roundForAxis(n: number): number {
  if (n < 1) return Math.round(n * 100) / 100;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
}

/** Above this ratio between the largest and the smallest value, a linear scale shrinks the small claims to slivers. */
const LOG_SCALE_SPREAD = 20;

interface FigureScale {
  /** Where `n` sits, 0–100 (per cent of the scale's width). */
  position(n: number): number;
  /** The values at the two ends of the axis. */
  from: number;
  to: number;
  log: boolean;
}

/**
 * One scale for every claim and the article's number: linear from 0 when the values are of one order of magnitude,
 * logarithmic when they spread wider ("hundreds" next to "tens of thousands"), so each claim stays visible.
 */
export function figureScale(values: readonly number[]): FigureScale {
  const positive = values.filter((v) => v > 0);
  const max = Math.max(1, ...positive);
  const min = positive.length > 0 ? Math.min(...positive) : max;
  if (max / min <= LOG_SCALE_SPREAD) return { position: (n) => (n / max) * 100, from: 0, to: max, log: false };
  // Start a little below the smallest value, so its bar still has length.
  const from = min / 2;
  const span = Math.log(max / from);
  return { position: (n) => (n <= from ? 0 : (Math.log(n / from) / span) * 100), from, to: max, log: true };
}

/**
 * Every claimant on one scale, so the spread is visible at a glance, with the article's own number marked on it and
 * the matching claim pointed out. Earlier figures of the same claimant fold away under its row.
 */
export function FigureCardBody({ data }: FigureCardBodyProps) {
  const extents = data.claims.map(claimExtent);
  const scale = figureScale([...extents.flatMap((e) => (e ? [e[0], e[1]] : [])), ...(data.articleValue !== undefined ? [data.articleValue] : [])]);
  const pct = (n: number) => `${Math.min(100, Math.max(0.5, scale.position(n))).toFixed(2)}%`;
  const groups = groupClaims(data.claims);
  return (
    <>
      <p class="bs-unit" dir="auto">
        Counting: {data.unit}
      </p>
      {data.articleValue !== undefined && (
        <p class="bs-article-value" data-testid="article-value">
          This article says <strong>{formatNumber(data.articleValue)}</strong>
        </p>
      )}
      <p class="bs-scale-axis" aria-hidden="true" data-testid="scale-axis">
        <span>{scale.log ? formatNumber(roundForAxis(scale.from)) : '0'}</span>
        {scale.log && <span>log scale</span>}
        <span>{formatNumber(scale.to)}</span>
      </p>
      <ul class="bs-claims" data-testid="claims">
        {groups.map((group) => {
          const claim = group.latest;
          const extent = claimExtent(claim);
          const matchedEarlier = group.earlier.some((c) => c.matched);
          return (
            <li
              key={claim.id}
              class={`bs-claim${claim.matched ? ' bs-claim--matched' : ''}${matchedEarlier ? ' bs-claim--matched-group' : ''}`}
            >
              <div data-testid="claim">
                <div class="bs-claim-row">
                  <span class="bs-claimant" data-testid="claimant" dir="auto">
                    {group.claimant}
                  </span>
                  <span class="bs-claim-value">{formatClaimValue(claim) || <span dir="auto">{claim.note}</span>}</span>
                </div>
                {extent && (
                  <div class="bs-scale" aria-hidden="true">
                    <span
                      class="bs-bar"
                      style={{
                        insetInlineStart: extent[0] === extent[1] || (scale.log && extent[0] <= scale.from) ? '0' : pct(extent[0]),
                        width: extent[0] === extent[1] ? pct(extent[1]) : `calc(${pct(extent[1])} - ${pct(extent[0])})`,
                      }}
                    />
                    {data.articleValue !== undefined && (
                      <span class="bs-article-mark" style={{ insetInlineStart: pct(data.articleValue) }} />
                    )}
                  </div>
                )}
                <div class="bs-claim-meta">
                  {claim.qualifier && <span class="bs-badge">{QUALIFIER_LABEL[claim.qualifier]}</span>}
                  {claim.reported && <span class="bs-badge bs-badge--warn">reported</span>}
                  {claim.matched && (
                    <span class="bs-badge bs-badge--match" data-testid="matched-claim">
                      matches this article
                    </span>
                  )}
                  <span class="bs-muted"> as of {formatDate(claim.asOf)}</span>
                  {extent && claim.note && (
                    <span class="bs-muted" dir="auto">
                      {' '}
                      · {claim.note}
                    </span>
                  )}
                </div>
                <SourceLinks sources={claim.sources} limit={2} />
              </div>
              {group.earlier.length > 0 && (
                <details class="bs-history" open={matchedEarlier}>
                  <summary>
                    {group.earlier.length === 1 ? 'One earlier figure' : `${group.earlier.length} earlier figures`}
                  </summary>
                  <ol>
                    {group.earlier.map((c) => (
                      <li key={c.id} class={c.matched ? 'bs-claim--matched' : undefined} data-testid="claim">
                        <span>
                          {/* Named again for screen readers and so every claim row carries its claimant. */}
                          <span class="bs-claimant--repeat" data-testid="claimant" dir="auto">
                            {c.claimant}
                          </span>
                          <span class="bs-muted">{formatDate(c.asOf)}</span>
                          {c.qualifier && <span class="bs-badge">{QUALIFIER_LABEL[c.qualifier]}</span>}
                          {c.reported && <span class="bs-badge bs-badge--warn">reported</span>}
                          {c.matched && (
                            <span class="bs-badge bs-badge--match" data-testid="matched-claim">
                              matches this article
                            </span>
                          )}
                        </span>
                        <span class="bs-claim-value">{formatClaimValue(c) || <span dir="auto">{c.note}</span>}</span>
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
