import { Fragment } from 'preact';
import type { EntityCardData } from '@/utils/messaging/views';
import { formatDate } from '../ui/format';

export interface EntityCardBodyProps {
  data: EntityCardData;
}

export function EntityCardBody({ data }: EntityCardBodyProps) {
  const otherNames = data.aliases.filter((a) => a !== data.name).slice(0, 6);
  return (
    <>
      {data.role && (
        <p class="bs-role" data-testid="role">
          <bdi dir="auto">{data.role}</bdi>
          {data.side && (
            <span class="bs-side">
              {' · '}
              <bdi dir="auto">{data.side}</bdi>
            </span>
          )}
        </p>
      )}
      {!data.role && data.side && (
        <p class="bs-role" dir="auto">
          {data.side}
        </p>
      )}
      {otherNames.length > 0 && (
        <p class="bs-aliases" data-testid="aliases">
          <span class="bs-muted">Also written </span>
          {otherNames.map((name, i) => (
            <Fragment key={name}>
              {i > 0 && ' · '}
              {/* Persian and Arabic spellings: each isolated so its direction does not reorder its neighbours. */}
              <bdi dir="auto">{name}</bdi>
            </Fragment>
          ))}
        </p>
      )}
      <p class="bs-summary" dir="auto">
        {data.summary}
      </p>
      {data.positions.length > 0 && (
        <section aria-label="Stated positions">
          <h3 class="bs-h3">Positions</h3>
          <ul class="bs-positions" data-testid="positions">
            {data.positions.map((p) => (
              <li key={`${p.issue}-${p.date}`}>
                <strong>
                  <bdi dir="auto">{p.issue}</bdi>:
                </strong>{' '}
                <bdi dir="auto">{p.stance}</bdi> <span class="bs-muted">({formatDate(p.date)})</span>
                {p.reported && <span class="bs-badge">reported</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.rounds.length > 0 && (
        <section aria-label="Rounds taken part in">
          <h3 class="bs-h3">Rounds</h3>
          <p class="bs-rounds" data-testid="entity-rounds">
            {data.rounds.map((r) => `${r.label} (${formatDate(r.dateStart)})`).join(' · ')}
          </p>
        </section>
      )}
      {data.coverage.length > 0 && (
        <section aria-label="Latest coverage">
          <h3 class="bs-h3">Latest coverage</h3>
          <ul class="bs-coverage" data-testid="coverage">
            {data.coverage.map((c) => (
              <li key={c.url}>
                <a href={c.url} target="_blank" rel="noopener noreferrer" dir="auto">
                  {c.title}
                </a>{' '}
                <span class="bs-host">{c.host}</span>
                {c.date && <span class="bs-muted"> · {formatDate(c.date)}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
