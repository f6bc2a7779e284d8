import type { RoundCardData } from '@/utils/messaging/views';
import { RoundDetails } from '../RoundSummary/RoundDetails';
import { Timeline } from '../Timeline/Timeline';

export interface RoundCardBodyProps {
  data: RoundCardData;
  /** Epoch ms: rounds whose date passed while still planned say so. */
  now: number;
}

export function RoundCardBody({ data, now }: RoundCardBodyProps) {
  return (
    <>
      {data.general && <p class="bs-muted">The article refers to the talks in general; this is the latest round.</p>}
      <RoundDetails round={data} now={now} />
      <Timeline items={data.timeline} now={now} />
    </>
  );
}
