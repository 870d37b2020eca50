/* How claim statuses are named and coloured wherever the chronology shows them. */
import type { ClaimStatus } from '../../../../shared/domain';

export const CLAIM_LABELS: Record<ClaimStatus, string> = {
  alleged: 'Alleged',
  admitted: 'Admitted',
  disputed: 'Disputed',
  found: 'Found',
  established: 'Established',
};

export const CLAIM_DESCRIPTIONS: Record<ClaimStatus, string> = {
  alleged: 'Said by someone, not tested or found',
  admitted: 'Accepted by the party it is against',
  disputed: 'Contested by a party',
  found: 'The conclusion of an inquest, inquiry, court or regulator',
  established: 'Settled fact, such as a conviction',
};

export const CLAIM_COLORS: Record<ClaimStatus, string> = {
  alleged: 'yellow',
  admitted: 'teal',
  disputed: 'red',
  found: 'casefolio',
  established: 'green',
};
