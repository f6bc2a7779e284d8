import type { RoundCardData } from '@/utils/messaging/views';
import { RoundDetails } from '../RoundSummary/RoundDetails';
import { Timeline } from '../Timeline/Timeline';

export interface RoundCardBodyProps {
  data: RoundCardData;
}

export function RoundCardBody({ data }: RoundCardBodyProps) {
  return (
    <>
      {data.general && <p class="bs-muted">The article refers to the talks in general; this is the latest round.</p>}
      <RoundDetails round={data} />
      <Timeline items={data.timeline} />
    </>
  );
}
