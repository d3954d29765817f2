/** What the project query returns: the state without the audit trail (its own query) and the outbox. */
import { pendingEmails } from '../../domain/approval-policy';
import { documentsOf } from '../../domain/documents';
import { openGrowthCommitments } from '../../domain/growth-commitments';
import { openRound, workflowIdFor } from '../../domain/project';
import type { LinkViewArgs, ProjectView } from '../messages';
import type { ProjectContext } from './context';
import { nextTimer } from './main-loop';

export function projectView(project: ProjectContext): ProjectView {
  const { audit: _audit, outbox: _outbox, ...rest } = project.state;
  const current = openRound(project.state);
  // Only read: a timer's fire() changes state and is never called here.
  const timer = project.state.outcome ? undefined : nextTimer(project);
  return {
    ...rest,
    workflowId: workflowIdFor(project.state.projectId),
    pendingApprovers: pendingEmails(current),
    ...(current ? { currentRound: current } : {}),
    ...(timer ? { nextTimer: { at: new Date(timer.at).toISOString(), summary: timer.summary } } : {}),
  };
}

/** The project as a link page needs it (workflows/messages.ts, linkViewQuery). */
export function linkView(project: ProjectContext, args: LinkViewArgs): ProjectView {
  const view = projectView(project);
  const contract = view.contract;
  return {
    ...view,
    submissions: {},
    reviews: [],
    archive: [],
    // A review page lists the growth commitments earlier reviews left open, not the reviews.
    ...(args.momentId ? { openGrowthCommitments: openGrowthCommitments(view.reviews) } : {}),
    rounds: args.gate ? view.rounds.filter((round) => round.gate === args.gate) : [],
    // A query, not history: adding it changes nothing a replay sees.
    ...(args.gate ? { documents: documentsOf(view.submissions[args.gate]?.data) } : {}),
    // The step-1 decision page shows the lessons of earlier projects; no other page does.
    earlierLessons: args.gate === 'circular-need' ? view.earlierLessons : [],
    ...(contract
      ? {
          contract: {
            ...contract,
            moments: contract.moments.filter((m) => m.id === args.momentId),
            amendments: [],
          },
        }
      : {}),
  };
}
