/** What the project query returns: the state without the audit trail (its own query) and the outbox. */
import { pendingEmails } from '../../domain/approval-policy';
import { openRound, workflowIdFor } from '../../domain/project';
import type { ProjectView } from '../messages';
import type { ProjectContext } from './context';

export function projectView(project: ProjectContext): ProjectView {
  const { audit: _audit, outbox: _outbox, ...rest } = project.state;
  const current = openRound(project.state);
  return {
    ...rest,
    workflowId: workflowIdFor(project.state.projectId),
    pendingApprovers: pendingEmails(current),
    ...(current ? { currentRound: current } : {}),
  };
}
