/**
 * A new project names someone for every gate before step 2 names the internal actors: the README's
 * first example once started fine and then stopped at step 2 with a 409.
 */
import { samplePeople, sampleProject } from '../../dev/sample-project';
import { createProject, createProjectRequest } from '../../domain/schemas';
import { issueText } from '../../presentation/forms/problems';
import { problems } from '../helpers/problems';

const { internalClient, purchaser, manager } = samplePeople;
const withoutStep2Approver = sampleProject('chairs', {
  approvers: [
    { ...internalClient, roles: ['internal-client'] },
    { ...purchaser, roles: ['purchasing-team'] },
  ],
});

test('a team with nobody to approve step 2 is refused, saying which roles would do', () => {
  expect(problems(createProjectRequest, withoutStep2Approver)).toEqual([
    'approvers: nobody approves circular-ambitions: name people with one of the roles management, csr-manager or set approvers for this gate',
  ]);
  // The workflow's own schema still takes it: projects started before the rule replay as they ran.
  expect(problems(createProject, withoutStep2Approver)).toEqual([]);
});

test('a manager in the team, or approvers set for the gate, answer it', () => {
  expect(
    problems(createProjectRequest, {
      ...withoutStep2Approver,
      approvers: [...withoutStep2Approver.approvers, { ...manager, roles: ['management'] }],
    }),
  ).toEqual([]);
  expect(
    problems(createProjectRequest, {
      ...withoutStep2Approver,
      approvals: { gates: { 'circular-ambitions': { approvers: [manager] } } },
    }),
  ).toEqual([]);
});

test('nobody for step 1 is named as well', () => {
  expect(
    problems(createProjectRequest, {
      ...withoutStep2Approver,
      approvers: [{ ...manager, roles: ['management'] }],
    }),
  ).toEqual([
    'approvers: nobody approves circular-need: name people with one of the roles internal-client, purchasing-team or set approvers for this gate',
  ]);
});

test('an id the API uses for a route of its own is refused for a new project, in both languages', () => {
  const counts = sampleProject('counts');
  expect(problems(createProjectRequest, counts)).toEqual([
    'id: "counts" is a word of the API itself (as in /api/projects/counts): choose another id',
  ]);
  const issue = createProjectRequest.safeParse(counts).error?.issues[0];
  expect(issue && issueText(issue, 'nl')).toBe(
    'De id "counts" is een woord van de API zelf (zoals /api/projects/counts): kies een andere.',
  );
  // Not in the workflow's own schema: a project's start input replays as it ran.
  expect(problems(createProject, counts)).toEqual([]);
  expect(problems(createProjectRequest, sampleProject('counts-of-chairs'))).toEqual([]);
});
