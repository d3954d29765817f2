/** Submitting a gate's deliverable: validation, who approves it, and the round it opens. */
import {
  type GateApprovers,
  gatesWithoutApprovers,
  mergeTeam,
  resolveGateApprovers,
} from '../../domain/approval-policy';
import { GATE_IDS, type GateId } from '../../domain/catalogue';
import { refurbishedInventory, digestInProject } from '../../domain/digest';
import { endOfUseRules } from '../../domain/end-of-use';
import { evaluationCoverageRules } from '../../domain/evaluation-coverage';
import { type Submission, isTerminal, latestRound } from '../../domain/project';
import { ruleProblem } from '../../domain/problems';
import { missingContractValues, unknownObjectiveRules } from '../../domain/tender/trace';
import type { ApprovalRound } from '../../domain/approval-policy';
import { type DeliverableByGate, deliverableSchemas, email as emailSchema } from '../../domain/schemas';
import type { SubmitDeliverableArgs } from '../messages';
import { now, nowIso, today } from './clock';
import type { ProjectContext } from './context';
import { conflict, invalid, parseNormalized } from './errors';
import { validateAwardLegalFrame } from './legal-frame';
import { dialogueRecordProblems, needRecordProblems } from './record-rules';
import { askPending, closeRound } from './rounds';

export function validateSubmission(
  project: ProjectContext,
  args: { gate: GateId; deliverable: unknown; submittedBy: string },
): void {
  const s = project.state;
  if (isTerminal(s.status)) throw conflict(ruleProblem('project.ended', { status: s.status }));
  if (!emailSchema.safeParse(args.submittedBy).success)
    throw invalid(ruleProblem('email.invalid', {}, 'submittedBy'));
  if (!s.gate) throw conflict(ruleProblem('submission.none-now', { step: s.step }));
  if (args.gate !== s.gate) {
    throw conflict(ruleProblem('submission.other-gate', { expected: s.gate, sent: args.gate }));
  }
  const data = parseNormalized(deliverableSchemas[args.gate], args.deliverable, 'deliverable');
  approversFor(project, args.gate, data);
  const recordProblems =
    args.gate === 'circular-need'
      ? needRecordProblems(s, data as DeliverableByGate['circular-need'])
      : args.gate === 'market-dialogue'
        ? dialogueRecordProblems(s, data as DeliverableByGate['market-dialogue'])
        : [];
  if (recordProblems.length > 0) throw invalid(recordProblems);
  if (args.gate === 'tender-documents') {
    const tender = data as DeliverableByGate['tender-documents'];
    const refurbished = refurbishedInventory(s.submissions['circular-need']?.data);
    if (refurbished && tender.scope.kind === 'product')
      throw invalid(ruleProblem('tender.scope-is-service', { route: refurbished.route }, 'scope.kind'));
    const unknown = unknownObjectiveRules(tender, s.submissions['circular-ambitions']?.data);
    if (unknown.length > 0) throw invalid(unknown);
  }
  if (args.gate === 'circular-ambitions') {
    // The team after step 2 approves every later gate: say now which gate would find nobody.
    // (A validator's refusal writes no history, so this needs no patch.)
    const team = mergeTeam(s.team, (data as DeliverableByGate['circular-ambitions']).internalActors);
    const uncovered = gatesWithoutApprovers(team, s.approvals, GATES_AFTER_AMBITIONS);
    if (uncovered.length > 0)
      throw invalid(uncovered.map(({ rule }) => ({ ...rule, path: 'internalActors' })));
  }
  if (args.gate === 'evaluate') {
    const problems = evaluationCoverageRules(
      data as DeliverableByGate['evaluate'],
      s.submissions['circular-ambitions']?.data,
      s.contract !== undefined,
    );
    if (problems.length > 0) throw invalid(problems);
  }
  if (args.gate === 'end-of-use' && s.contract?.endOfUseRules) {
    const problems = endOfUseRules(
      data as DeliverableByGate['end-of-use'],
      s.submissions['tender-documents']?.data,
    );
    if (problems.length > 0) throw invalid(problems);
  }
  if (args.gate === 'award') {
    const award = data as DeliverableByGate['award'];
    if (award.contractEnd <= today()) throw invalid(ruleProblem('award.end-not-future', {}, 'contractEnd'));
    const missing = missingContractValues(award, s.submissions['circular-ambitions']?.data);
    if (missing.length > 0)
      throw invalid(
        ruleProblem(
          'award.indicator-values-missing',
          { missing: missing.join(', ') },
          'contractIndicatorValues',
        ),
      );
    validateAwardLegalFrame(project, award);
  }
}

const GATES_AFTER_AMBITIONS = GATE_IDS.slice(GATE_IDS.indexOf('circular-ambitions') + 1);

function approversFor(project: ProjectContext, gate: GateId, data: unknown): GateApprovers {
  const skipped =
    gate === 'market-dialogue' && (data as DeliverableByGate['market-dialogue']).mode === 'skipped';
  const resolved = resolveGateApprovers(
    gate,
    project.state.team,
    project.state.approvals,
    skipped ? ['management'] : [],
  );
  if ('problem' in resolved) throw conflict(resolved.rule);
  return resolved;
}

export function submit(project: ProjectContext, args: SubmitDeliverableArgs) {
  const s = project.state;
  const gate = args.gate;
  // The validator checked it is valid and normalized; the argument in history is what is stored.
  const data = args.deliverable as Submission['data'];
  const { approvers, policy, deadline } = approversFor(project, gate, data);
  const at = nowIso();
  const previous = latestRound(s, gate);
  const number = (previous?.number ?? 0) + 1;
  let supersededRound: number | undefined;
  if (previous?.status === 'open') {
    closeRound(project, previous, 'superseded', at, number);
    supersededRound = previous.number;
  }
  const version = (s.submissions[gate]?.version ?? 0) + 1;
  const submission: Submission = { gate, data, submittedAt: at, submittedBy: args.submittedBy, version };
  (s.submissions as Record<GateId, Submission>)[gate] = submission;
  const round: ApprovalRound = {
    gate,
    number,
    policy,
    slots: approvers.map((approver) => ({ approver, holder: approver, delegations: [] })),
    openedAt: at,
    submittedBy: args.submittedBy,
    digest: digestInProject(gate, data, s.submissions),
    ...(deadline
      ? {
          deadline: {
            ...deadline,
            at: new Date(now().getTime() + deadline.afterHours * 3_600_000).toISOString(),
            handled: false,
          },
        }
      : {}),
    reminders: {
      everyHours: s.approvals.reminders.everyHours,
      escalateAfter: s.approvals.reminders.escalateAfter,
      sent: 0,
    },
    status: 'open',
  };
  s.rounds.push(round);
  s.status = 'awaiting-approval';
  project.audit({
    kind: 'submitted',
    gate,
    round: number,
    actor: args.submittedBy,
    channel: args.channel,
    details: { version },
  });
  project.audit({
    kind: 'round-opened',
    gate,
    round: number,
    actor: 'system',
    channel: 'system',
    details: {
      approvers: approvers.map((a) => a.email),
      rule: policy.rule,
      sequential: policy.sequential,
      ...(policy.quorum ? { quorum: policy.quorum } : {}),
    },
  });
  askPending(project, round);
  project.changed();
  return {
    gate,
    round: number,
    version,
    approvers: approvers.map((a) => a.email),
    ...(supersededRound ? { supersededRound } : {}),
  };
}
