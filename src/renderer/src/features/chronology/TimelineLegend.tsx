/* The timeline's key: each claim status by colour and shape (so colour is never the only cue), and how uncertain dates look. */
import { CLAIM_SHAPES } from '../../../../shared/timeline';
import type { ClaimStatus } from '../../../../shared/domain';
import { CLAIM_DESCRIPTIONS, CLAIM_LABELS } from './claims';
import { markerPoints } from './TimelineMarks';

const STATUSES = Object.keys(CLAIM_LABELS) as ClaimStatus[];

function Swatch({ children }: { children: React.ReactNode }) {
  return (
    <svg className="tl-swatch" width={30} height={14} aria-hidden="true">
      {children}
    </svg>
  );
}

export function TimelineLegend() {
  return (
    <ul className="tl-legend" aria-label="Timeline key">
      {STATUSES.map((s) => (
        <li key={s} title={CLAIM_DESCRIPTIONS[s]}>
          <Swatch>
            <polygon className={`tl-marker tl-claim-${s}`} points={markerPoints(CLAIM_SHAPES[s], 5)} transform="translate(15 7)" />
          </Swatch>
          {CLAIM_LABELS[s]}
        </li>
      ))}
      <li>
        <Swatch>
          <rect className="tl-span tl-claim-found" x={2} y={4} width={26} height={6} rx={3} />
        </Swatch>
        Month or year: the whole period
      </li>
      <li>
        <Swatch>
          <rect className="tl-fuzzy tl-claim-found" x={1} y={2} width={28} height={10} rx={5} />
        </Swatch>
        “c.”: approximate
      </li>
      <li>
        <Swatch>
          <polygon className="tl-marker tl-claim-found tl-inferred" points={markerPoints('circle', 5)} transform="translate(15 7)" />
        </Swatch>
        [Year] inferred
      </li>
    </ul>
  );
}
