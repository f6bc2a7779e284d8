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

/** Every claim on one linear scale, so the spread between claimants is visible at a glance. */
export function FigureCardBody({ data }: FigureCardBodyProps) {
  const extents = data.claims.map(claimExtent);
  const max = Math.max(1, ...extents.flatMap((e) => (e ? [e[1]] : [])), data.articleValue ?? 0);
  const pct = (n: number) => `${Math.max(0.5, (n / max) * 100).toFixed(2)}%`;
  return (
    <>
      <p class="bs-unit">Counting: {data.unit}</p>
      {data.articleValue !== undefined && (
        <p class="bs-article-value" data-testid="article-value">
          This article says <strong>{formatNumber(data.articleValue)}</strong>
        </p>
      )}
      <ul class="bs-claims" data-testid="claims">
        {data.claims.map((claim, i) => {
          const extent = extents[i];
          return (
            <li key={claim.id} class={`bs-claim${claim.matched ? ' bs-claim--matched' : ''}`} data-testid="claim">
              <div class="bs-claim-row">
                <span class="bs-claimant" data-testid="claimant">
                  {claim.claimant}
                </span>
                <span class="bs-claim-value">{formatClaimValue(claim) || claim.note}</span>
              </div>
              {extent && (
                <div class="bs-scale" aria-hidden="true">
                  <span
                    class="bs-bar"
                    style={{ left: extent[0] === extent[1] ? '0' : pct(extent[0]), width: extent[0] === extent[1] ? pct(extent[1]) : `calc(${pct(extent[1])} - ${pct(extent[0])})` }}
                  />
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
                {extent && claim.note && <span class="bs-muted"> · {claim.note}</span>}
              </div>
              <SourceLinks sources={claim.sources} limit={2} />
            </li>
          );
        })}
      </ul>
    </>
  );
}
