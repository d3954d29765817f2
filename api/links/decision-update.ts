/**
 * The one decision update of a person in a round, whichever way they decide (the mailed link or
 * the workspace): the same arguments under the same update id, so Temporal answers a second
 * attempt — a double click, or the mailed link after the workspace — from the first, and the
 * decision is never counted twice.
 */
import type { GateId } from '../../domain/catalogue';
import type { DecisionKind } from '../../domain/schemas';
import type { DecideArgs } from '../../workflows/messages';

/** A person's place in one approval round of one project. */
export interface DecisionSeat {
  project: string;
  gate: GateId;
  round: number;
  approver: string;
}

export function decisionUpdateId(seat: DecisionSeat): string {
  return `decision:${seat.project}:${seat.gate}:${seat.round}:${seat.approver}`;
}

/** The update id and argument of this person's decision in this round. */
export function decisionUpdate(
  seat: DecisionSeat,
  decision: DecisionKind,
  comment: string | undefined,
): { updateId: string; args: [DecideArgs] } {
  return {
    updateId: decisionUpdateId(seat),
    args: [
      {
        gate: seat.gate,
        round: seat.round,
        approver: seat.approver,
        decision,
        comment,
        // The link's channel for both ways in: the same update must carry the same argument.
        channel: 'email',
      },
    ],
  };
}

/** The update id of a recorded review of a follow-up moment: one per moment, whoever records it. */
export function reviewUpdateId(project: string, momentId: string): string {
  return `review:${project}:${momentId}`;
}
