/** Creating a project, and cancelling it. */
import { z } from 'zod';
import { gatesWithoutApprovers } from '../approval-policy';
import { approvalSettings } from './approvals';
import {
  INPUT_MAX_BYTES,
  addProblemIssue,
  addRuleIssue,
  longText,
  person,
  plainString,
  roleId,
  slug,
  text,
  uniqueEmails,
  withinBytes,
} from './common';

export const teamMember = person.extend({ roles: z.array(roleId).min(1).max(10) });
export type TeamMember = z.infer<typeof teamMember>;

export const createProject = withinBytes(
  z.object({
    id: slug,
    title: text(200),
    organisation: text(200),
    productGroup: slug,
    description: plainString().trim().max(5000).optional(),
    requester: person,
    /** People who approve on behalf of a catalogue role until step 2 names the internal actors. */
    approvers: z
      .array(teamMember)
      .min(1)
      .max(50)
      .superRefine((list, ctx) => uniqueEmails(list, ctx, 'the approvers')),
    approvals: approvalSettings.optional(),
  }),
  INPUT_MAX_BYTES.createProject,
  'the project',
);
export type CreateProject = z.infer<typeof createProject>;

/** The gates before step 2 names the internal actors: only the people named at creation approve them. */
const GATES_BEFORE_INTERNAL_ACTORS = ['circular-need', 'circular-ambitions'] as const;

/**
 * A new project as the API and the workspace take it: besides its shape, someone approves each gate
 * until step 2 names the internal actors (else the project would stop at that gate with a 409).
 * The workflow parses the plain `createProject`: a project started before this rule still starts
 * (and replays) as it did.
 */
/**
 * Ids the API's routes use beside `/api/projects/:id` (`GET /api/projects/counts`): a project of
 * that id could not be read there. Checked for new projects only, not in the start input a running
 * project replays.
 */
export const RESERVED_PROJECT_IDS: readonly string[] = ['counts'];

export const createProjectRequest = createProject.superRefine((project, ctx) => {
  if (RESERVED_PROJECT_IDS.includes(project.id))
    addRuleIssue(ctx, ['id'], 'project.id-reserved', { id: project.id });
  const settings = project.approvals ?? approvalSettings.parse({});
  for (const { rule } of gatesWithoutApprovers(project.approvers, settings, GATES_BEFORE_INTERNAL_ACTORS)) {
    addProblemIssue(ctx, ['approvers'], rule);
  }
});

export const cancelInput = z.object({ reason: longText(5, 2000) });
