/** Creating a project, and cancelling it. */
import { z } from 'zod';
import { approvalSettings } from './approvals';
import {
  INPUT_MAX_BYTES,
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

export const cancelInput = z.object({ reason: longText(5, 2000) });
