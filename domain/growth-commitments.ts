/**
 * Growth asked by either party during the term (4.23), followed from review to review: each review
 * records the commitments it discussed by id, and the latest word on each id is where it stands.
 */
import type { ContractReview, GrowthCommitment } from './schemas';

export interface TrackedCommitment extends GrowthCommitment {
  /** The follow-up moment whose review first recorded it. */
  firstRecordedIn: string;
  /** Its status in every review that discussed it, oldest first. */
  history: { momentId: string; status: GrowthCommitment['status'] }[];
}

const CLOSED: GrowthCommitment['status'][] = ['done', 'dropped'];

/** Every commitment of the reviews (in the order they were recorded), at its latest status. */
export function growthCommitmentsAcross(
  reviews: Pick<ContractReview, 'momentId' | 'growthCommitments'>[],
): TrackedCommitment[] {
  const tracked = new Map<string, TrackedCommitment>();
  for (const review of reviews) {
    for (const commitment of review.growthCommitments ?? []) {
      const earlier = tracked.get(commitment.id);
      tracked.set(commitment.id, {
        ...commitment,
        firstRecordedIn: earlier?.firstRecordedIn ?? review.momentId,
        history: [...(earlier?.history ?? []), { momentId: review.momentId, status: commitment.status }],
      });
    }
  }
  return [...tracked.values()];
}

/** The commitments a next review has to follow up: not done, not dropped. */
export function openGrowthCommitments(
  reviews: Pick<ContractReview, 'momentId' | 'growthCommitments'>[],
): TrackedCommitment[] {
  return growthCommitmentsAcross(reviews).filter((c) => !CLOSED.includes(c.status));
}
