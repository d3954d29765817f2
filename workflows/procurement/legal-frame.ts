/**
 * Step 4's legal frame in the workflow: the formal award decision checked against the tender, and
 * the standstill. Once the award is approved, a project whose award records the formal decision
 * waits on a durable timer until the 15-day standstill has passed; only then is the contract
 * concluded and step 5 entered (patch `legal-frame-standstill`).
 */
import { dueInstant } from '../../domain/follow-up';
import { standstillEndsOn } from '../../domain/legal-frame/contract-dates';
import type { DeliverableByGate } from '../../domain/schemas';
import { isPatched, LEGAL_FRAME_STANDSTILL } from './patches';
import { nowIso, today } from './clock';
import type { ProjectContext } from './context';
import { startContract } from './contract';
import { invalid } from './errors';
import { ruleProblem } from '../../domain/problems';
import type { Timer } from './timers';

/** Rules of the award that need the project: the tender's frame and today's date. */
export function validateAwardLegalFrame(project: ProjectContext, award: DeliverableByGate['award']): void {
  const tender = project.state.submissions['tender-documents']?.data;
  const frame = award.legalFrame;
  if (!frame) {
    if (tender?.legalFrame) throw invalid(ruleProblem('legal.award-decision-missing', {}, 'legalFrame'));
    return;
  }
  const decided = frame.decision.date;
  if (decided > today())
    throw invalid(ruleProblem('legal.decision-in-future', { date: decided }, 'legalFrame.decision.date'));
  const offersIn = tender?.legalFrame?.keyDates;
  const earliest = offersIn ? (offersIn.opening ?? offersIn.offerDeadline) : undefined;
  if (earliest && decided < earliest)
    throw invalid(ruleProblem('legal.decision-before-offers', { earliest }, 'legalFrame.decision.date'));
}

/** What approving the award does: conclude the contract now, or once the standstill has passed. */
export function concludeAfterStandstill(project: ProjectContext, award: DeliverableByGate['award']): void {
  const frame = award.legalFrame;
  if (frame && isPatched(LEGAL_FRAME_STANDSTILL)) {
    const until = standstillEndsOn(frame.decision);
    if (until > today()) {
      const s = project.state;
      s.standstill = { until, decision: frame.decision };
      s.status = 'in-standstill';
      delete s.gate;
      project.audit({
        kind: 'standstill-started',
        actor: 'system',
        channel: 'system',
        details: { until, decision: frame.decision.reference },
      });
      return;
    }
  }
  conclude(project, award);
}

function conclude(project: ProjectContext, award: DeliverableByGate['award']): void {
  startContract(project, award);
  project.enterStep('use-and-execution');
}

export function standstillTimer(project: ProjectContext): Timer | undefined {
  const s = project.state;
  const standstill = s.standstill;
  const award = s.submissions.award?.data;
  if (!standstill || standstill.passedAt || s.status !== 'in-standstill' || !award) return undefined;
  return {
    at: dueInstant(standstill.until),
    summary: `standstill ends ${standstill.until}: conclude the contract`,
    fire: () => {
      standstill.passedAt = nowIso();
      project.audit({
        kind: 'standstill-passed',
        actor: 'system',
        channel: 'timer',
        details: { until: standstill.until },
      });
      conclude(project, award);
    },
  };
}
