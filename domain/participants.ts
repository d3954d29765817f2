/**
 * Who has a part in a project: the requester, the team (approvers by role, internal actors), the
 * contract manager and whoever holds a slot of the open round (a delegate too). They see the project
 * whatever their organisation (api/project-scope.ts); visibility carries the list as the
 * `Participants` search attribute, so a list of "my projects" is one visibility query.
 */
import type { ProjectState } from './project';

type ParticipantSource = Pick<ProjectState, 'requester' | 'team'> &
  Partial<Pick<ProjectState, 'contract' | 'rounds'>>;

/** Distinct lower-case addresses, the requester first. */
export function participantEmails(project: ParticipantSource): string[] {
  const round = project.rounds?.find((candidate) => candidate.status === 'open');
  const emails = [
    project.requester.email,
    ...project.team.map((member) => member.email),
    ...(project.contract ? [project.contract.manager.email] : []),
    ...(round?.slots.flatMap((slot) => [slot.approver.email, slot.holder.email]) ?? []),
  ];
  return [...new Set(emails.map((email) => email.toLowerCase()))];
}

/**
 * Who submits the deliverables: the requester and the team members of the purchasing team (the
 * procurement officer's role); distinct lower-case addresses.
 */
export function submitterEmails(project: Pick<ProjectState, 'requester' | 'team'>): string[] {
  const officers = project.team.filter((member) => member.roles.includes('purchasing-team'));
  return [...new Set([project.requester, ...officers].map((person) => person.email.toLowerCase()))];
}
