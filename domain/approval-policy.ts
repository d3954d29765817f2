/**
 * Approval rounds as plain data plus pure rules: who is asked, who may decide, when the outcome is
 * certain. The workflow holds the round in its state and calls these functions; tests exercise
 * them directly.
 */
import { GATE_STEP, type GateId, defaultApproverRoles } from './catalogue';
import { type RuleProblem, englishOf, ruleProblem } from './problems';
import type {
  ApprovalPolicy,
  ApprovalSettings,
  Channel,
  DecisionKind,
  Person,
  RoundDeadline,
  TeamMember,
} from './schemas';

export interface RecordedDecision {
  kind: DecisionKind;
  comment?: string;
  at: string;
  /** Email of the person who decided (the slot's holder at that moment). */
  by: string;
  channel: Channel;
}

export interface RecordedDelegation {
  from: Person;
  to: Person;
  at: string;
  comment?: string;
  channel: Channel;
}

export interface ApprovalSlot {
  /** The person originally asked. */
  approver: Person;
  /** Who decides for this slot now (the approver, or the last delegate). */
  holder: Person;
  delegations: RecordedDelegation[];
  decision?: RecordedDecision;
  /** When the current holder was sent the request; undefined until it is sent. */
  requestedAt?: string;
  /** Fresh links sent to the holder after theirs expired. */
  linksResent?: number;
  /** Reminders sent to the current holder, and when the last went (reset by a delegation). */
  remindersSent?: number;
  lastRemindedAt?: string;
}

export type RoundStatus =
  'open' | 'approved' | 'changes-requested' | 'rejected' | 'timed-out' | 'superseded' | 'cancelled';

export interface ApprovalRound {
  gate: GateId;
  number: number;
  policy: ApprovalPolicy;
  slots: ApprovalSlot[];
  openedAt: string;
  submittedBy: string;
  /** Short summary of what is being approved, per locale (computed once per round). */
  digest: Record<'nl' | 'en', string[]>;
  deadline?: RoundDeadline & { at: string; handled: boolean };
  reminders: { everyHours: number; escalateAfter: number; sent: number; lastAt?: string };
  escalatedAt?: string;
  status: RoundStatus;
  closedAt?: string;
  supersededBy?: number;
}

export function requiredApprovals(policy: ApprovalPolicy, approvers: number): number {
  switch (policy.rule) {
    case 'all':
      return approvers;
    case 'any':
      return Math.min(1, approvers);
    case 'quorum':
      return policy.quorum ?? approvers;
  }
}

/** The outcome as soon as it is certain: approved, failed, or still open. */
export function evaluateRound(
  round: Pick<ApprovalRound, 'policy' | 'slots'>,
): 'open' | 'approved' | 'changes-requested' | 'rejected' {
  const required = requiredApprovals(round.policy, round.slots.length);
  const decisions = round.slots.flatMap((slot) => (slot.decision ? [slot.decision] : []));
  const approvals = decisions.filter((d) => d.kind === 'approve').length;
  if (approvals >= required) return 'approved';
  const stillPossible = round.slots.filter(
    (slot) => !slot.decision || slot.decision.kind === 'approve',
  ).length;
  if (stillPossible < required)
    return decisions.some((d) => d.kind === 'reject') ? 'rejected' : 'changes-requested';
  return 'open';
}

/** Slots waiting for a decision now. Sequential rounds ask one person at a time, in order. */
export function pendingSlots(round: Pick<ApprovalRound, 'policy' | 'slots' | 'status'>): ApprovalSlot[] {
  if (round.status !== 'open') return [];
  const undecided = round.slots.filter((slot) => !slot.decision);
  return round.policy.sequential ? undecided.slice(0, 1) : undecided;
}

export function pendingEmails(round: ApprovalRound | undefined): string[] {
  return round ? pendingSlots(round).map((slot) => slot.holder.email) : [];
}

export function slotHeldBy(round: ApprovalRound, email: string): ApprovalSlot | undefined {
  return round.slots.find((slot) => slot.holder.email === email);
}

/** Any slot this person was ever asked for (original approver or a delegate along the chain). */
export function slotInvolving(round: ApprovalRound, email: string): ApprovalSlot | undefined {
  return (
    slotHeldBy(round, email) ??
    round.slots.find(
      (slot) =>
        slot.approver.email === email ||
        slot.delegations.some((d) => d.from.email === email || d.to.email === email),
    )
  );
}

/** Why this person cannot decide now (English), or undefined when they can. */
export function decisionProblem(round: ApprovalRound, email: string): string | undefined {
  const problem = decisionRuleProblem(round, email);
  return problem && englishOf(problem);
}

/** Why this person cannot decide now, as a catalogued rule, or undefined when they can. */
export function decisionRuleProblem(round: ApprovalRound, email: string): RuleProblem | undefined {
  const { number } = round;
  if (round.status === 'superseded')
    return ruleProblem('round.superseded', { number, by: round.supersededBy ?? number + 1 });
  if (round.status !== 'open') return ruleProblem('round.closed', { number, status: round.status });
  const slot = slotHeldBy(round, email);
  if (!slot) {
    const former = slotInvolving(round, email);
    if (former) return ruleProblem('decision.delegated', { email, holder: former.holder.email });
    return ruleProblem('decision.not-an-approver', { email, number });
  }
  if (slot.decision)
    return ruleProblem('decision.already-decided', { email, kind: slot.decision.kind, at: slot.decision.at });
  if (!pendingSlots(round).includes(slot))
    return ruleProblem('decision.not-your-turn', { waitingFor: pendingSlots(round)[0]?.holder.email ?? '' });
  return undefined;
}

export function delegationProblem(round: ApprovalRound, fromEmail: string, to: Person): string | undefined {
  const problem = delegationRuleProblem(round, fromEmail, to);
  return problem && englishOf(problem);
}

export function delegationRuleProblem(
  round: ApprovalRound,
  fromEmail: string,
  to: Person,
): RuleProblem | undefined {
  const problem = decisionRuleProblem(round, fromEmail);
  const slot = slotHeldBy(round, fromEmail);
  // A later approver of a sequential round may hand on before their turn (an absence is known ahead).
  const waitingForTurn = round.status === 'open' && slot !== undefined && !slot.decision;
  if (problem && !waitingForTurn) return problem;
  if (to.email === fromEmail) return ruleProblem('delegation.to-yourself', {});
  if (round.slots.some((slot) => slot.holder.email === to.email))
    return ruleProblem('delegation.already-deciding', { email: to.email });
  return undefined;
}

/** Records a decision in its slot and returns the round's outcome (the caller closes the round). */
export function applyDecision(
  round: ApprovalRound,
  decision: RecordedDecision,
): ReturnType<typeof evaluateRound> {
  const slot = slotHeldBy(round, decision.by);
  if (!slot) throw new Error(`no slot held by ${decision.by}`);
  slot.decision = { ...decision };
  return evaluateRound(round);
}

export function applyDelegation(round: ApprovalRound, delegation: RecordedDelegation): void {
  const slot = slotHeldBy(round, delegation.from.email);
  if (!slot) throw new Error(`no slot held by ${delegation.from.email}`);
  slot.delegations.push(delegation);
  slot.holder = delegation.to;
  delete slot.requestedAt;
  delete slot.remindersSent;
  delete slot.lastRemindedAt;
}

/**
 * When the holder of a pending slot is due their next reminder: one interval after they were asked
 * or last reminded — so whoever is asked later (the next in a sequential order, a delegate) gets a
 * full interval too. Undefined while they have not been asked.
 */
export function reminderDueAt(
  round: Pick<ApprovalRound, 'reminders'>,
  slot: ApprovalSlot,
): number | undefined {
  const since = slot.lastRemindedAt ?? slot.requestedAt;
  return since === undefined ? undefined : Date.parse(since) + round.reminders.everyHours * 3_600_000;
}

// ---------------------------------------------------------------------------------------------
// Who approves a gate

export interface GateApprovers {
  approvers: Person[];
  policy: ApprovalPolicy;
  deadline?: RoundDeadline;
}

/** A problem of resolveGateApprovers: its English text (as the API answers it) and its rule. */
const found = (rule: RuleProblem) => ({ problem: englishOf(rule), rule });

/**
 * The approvers of a gate: the per-gate override when there is one, else the team members who
 * hold one of the step's default approver roles (from the catalogue). `extraRoles` adds roles a
 * submission requires (a skipped market dialogue needs management).
 */
export function resolveGateApprovers(
  gate: GateId,
  team: TeamMember[],
  settings: ApprovalSettings,
  extraRoles: string[] = [],
): GateApprovers | { problem: string; rule: RuleProblem } {
  const override = settings.gates[gate];
  const roles = [...defaultApproverRoles(GATE_STEP[gate]), ...extraRoles];
  let approvers: Person[];
  if (override?.approvers) {
    approvers = [...override.approvers];
    for (const role of extraRoles) {
      const holders = team.filter((member) => member.roles.includes(role));
      if (holders.length === 0) return found(ruleProblem('approvers.role-missing', { role }));
      for (const holder of holders)
        if (!approvers.some((a) => a.email === holder.email)) approvers.push(toPerson(holder));
    }
  } else {
    approvers = team.filter((member) => member.roles.some((role) => roles.includes(role))).map(toPerson);
    for (const role of extraRoles) {
      if (!team.some((member) => member.roles.includes(role)))
        return found(ruleProblem('approvers.role-missing', { role }));
    }
  }
  if (approvers.length === 0) {
    return found(ruleProblem('approvers.nobody', { gate, roles: roles.join(', ') }));
  }
  const policy = override?.policy ?? settings.policy;
  if (policy.rule === 'quorum' && (policy.quorum ?? 0) > approvers.length) {
    return found(
      ruleProblem('approvers.quorum-too-high', { quorum: policy.quorum ?? 0, count: approvers.length, gate }),
    );
  }
  const deadline = override?.deadline === null ? undefined : (override?.deadline ?? settings.deadline);
  return { approvers, policy, ...(deadline ? { deadline } : {}) };
}

/**
 * The gates among `gates` whose round would find nobody to ask with this team and these settings,
 * each with the problem its submission would meet — so the officer hears it when naming the team,
 * not as a 409 at the step where it bites.
 */
export function gatesWithoutApprovers(
  team: TeamMember[],
  settings: ApprovalSettings,
  gates: readonly GateId[],
): { gate: GateId; problem: string; rule: RuleProblem }[] {
  return gates.flatMap((gate) => {
    const resolved = resolveGateApprovers(gate, team, settings);
    return 'problem' in resolved ? [{ gate, problem: resolved.problem, rule: resolved.rule }] : [];
  });
}

function toPerson(member: TeamMember): Person {
  const { roles: _roles, ...person } = member;
  return person;
}

/**
 * The team after step 2: the internal actors it names take over the roles they hold; people from
 * creation keep the roles nobody in step 2 took.
 */
export function mergeTeam(current: TeamMember[], named: TeamMember[]): TeamMember[] {
  const takenRoles = new Set(named.flatMap((member) => member.roles));
  const kept = current
    .map((member) => ({ ...member, roles: member.roles.filter((role) => !takenRoles.has(role)) }))
    .filter((member) => member.roles.length > 0 && !named.some((n) => n.email === member.email));
  const merged = named.map((member) => {
    const earlier = current.find((c) => c.email === member.email);
    const extra = earlier ? earlier.roles.filter((role) => !takenRoles.has(role)) : [];
    return { ...member, roles: [...new Set([...member.roles, ...extra])] };
  });
  return [...merged, ...kept];
}
