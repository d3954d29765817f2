/**
 * Where a decision link stands, computed from the project state alone (no I/O), so the page can
 * say why the person cannot decide, when they cannot.
 */
import type { LinkClaims } from '../../activities/links';
import {
  type ApprovalRound,
  type ApprovalSlot,
  pendingSlots,
  slotInvolving,
} from '../../domain/approval-policy';
import { type ProjectState, isTerminal } from '../../domain/project';
import type { Person } from '../../domain/schemas';

export type DecisionClaims = Extract<LinkClaims, { k: 'decision' }>;

export type DecisionStatus =
  | { kind: 'open'; round: ApprovalRound; slot: ApprovalSlot }
  | { kind: 'waiting'; round: ApprovalRound; waitingFor: Person }
  | { kind: 'recorded'; round: ApprovalRound; slot: ApprovalSlot }
  | { kind: 'delegated'; round: ApprovalRound; slot: ApprovalSlot }
  | { kind: 'superseded'; round: ApprovalRound }
  | { kind: 'closed'; round: ApprovalRound }
  | { kind: 'project-closed' }
  | { kind: 'unknown' };

export function decisionStatus(
  state: Pick<ProjectState, 'rounds' | 'status'>,
  claims: Pick<DecisionClaims, 'g' | 'r' | 'a'>,
): DecisionStatus {
  const round = state.rounds.find((r) => r.gate === claims.g && r.number === claims.r);
  if (!round) return { kind: 'unknown' };
  const slot = slotInvolving(round, claims.a);
  if (!slot) return { kind: 'unknown' };
  if (round.status === 'superseded') return { kind: 'superseded', round };
  if (slot.holder.email !== claims.a) return { kind: 'delegated', round, slot };
  if (slot.decision) return { kind: 'recorded', round, slot };
  if (isTerminal(state.status) && round.status !== 'open') return { kind: 'project-closed' };
  if (round.status !== 'open') return { kind: 'closed', round };
  const pending = pendingSlots(round);
  if (!pending.includes(slot)) {
    const first = pending[0];
    return first ? { kind: 'waiting', round, waitingFor: first.holder } : { kind: 'closed', round };
  }
  return { kind: 'open', round, slot };
}
