/** Who is behind an email address in a project, for their name, language and time zone. */
import type { ProjectState } from '../domain/project';
import type { Person } from '../domain/schemas';

/**
 * The person with this email address among the team, the approvers and delegates of every round,
 * and the contract manager (first match wins), or undefined for a stranger.
 */
export function knownPerson(
  project: Pick<ProjectState, 'team' | 'rounds' | 'contract'>,
  email: string,
): Person | undefined {
  return (
    project.team.find((m) => m.email === email) ??
    project.rounds
      .flatMap((r) => r.slots.flatMap((s) => [s.holder, s.approver]))
      .find((x) => x.email === email) ??
    (project.contract?.manager.email === email ? project.contract.manager : undefined)
  );
}
