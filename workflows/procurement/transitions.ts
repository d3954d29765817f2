/** What approval of a gate does to the project: the process's transitions, all in one place. */
import { mergeTeam } from '../../domain/approval-policy';
import type { GateId } from '../../domain/catalogue';
import type { Lesson } from '../../domain/project';
import { nowIso } from './clock';
import type { ProjectContext } from './context';
import { concludeAfterStandstill } from './legal-frame';

export function completeGate(project: ProjectContext, gate: GateId): void {
  const s = project.state;
  switch (gate) {
    case 'circular-need': {
      const need = s.submissions['circular-need']?.data;
      if (need?.decision.outcome === 'no-purchase') {
        project.enterStep(
          'evaluate',
          `no purchase: ${need.decision.alternative} instead — a purchase avoided`,
        );
      } else {
        project.enterStep('circular-ambitions');
      }
      return;
    }
    case 'circular-ambitions': {
      const ambitions = s.submissions['circular-ambitions']?.data;
      if (ambitions) s.team = mergeTeam(s.team, ambitions.internalActors);
      project.enterStep('market-dialogue');
      return;
    }
    case 'market-dialogue':
      project.enterStep('specify-and-award');
      return;
    case 'tender-documents':
      s.gate = 'award';
      s.status = 'awaiting-submission';
      return;
    case 'award': {
      const award = s.submissions.award?.data;
      if (award) {
        concludeAfterStandstill(project, award);
      } else {
        project.enterStep('use-and-execution');
      }
      return;
    }
    case 'end-of-use':
      project.enterStep('evaluate');
      return;
    case 'evaluate': {
      const evaluation = s.submissions.evaluate?.data;
      const avoided = s.submissions['circular-need']?.data.decision.outcome === 'no-purchase';
      s.outcome = avoided ? 'purchase-avoided' : 'completed';
      s.status = s.outcome;
      delete s.gate;
      project.audit({ kind: 'completed', actor: 'system', channel: 'system', comment: s.outcome });
      if (evaluation) {
        const lesson: Lesson = {
          projectId: s.projectId,
          title: s.title,
          organisation: s.organisation,
          completedAt: nowIso(),
          outcome: s.outcome,
          lessons: evaluation.lessons,
          ...(evaluation.nextTime ? { nextTime: evaluation.nextTime } : {}),
          ...(evaluation.nextAmbitionLevel ? { nextAmbitionLevel: evaluation.nextAmbitionLevel } : {}),
          targetMet: evaluation.targetMet,
        };
        s.outbox.push({
          id: s.nextOutboxId++,
          kind: 'publish-lessons',
          productGroup: s.productGroup,
          lesson,
        });
      }
      project.enqueueMail({
        kind: 'project-closed',
        project: project.projectRef,
        recipient: s.requester,
        sequence: 0,
        step: s.step,
        outcome: s.outcome,
      });
      return;
    }
  }
}
