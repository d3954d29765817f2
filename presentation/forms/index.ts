/**
 * The forms of the workspace, each described from its zod schema: the seven gates' deliverables
 * and the new project. describe → render → parse → problems, one file each.
 */
import type { GateId } from '../../domain/catalogue';
import { createProject, deliverableSchemas } from '../../domain/schemas';
import { CATALOGUE_CHOICES } from './choices';
import { type FieldNode, describeForm } from './describe';

/**
 * A gate's form. Its documents are not typed in: they are uploaded to the case file, and a
 * resubmission keeps those of the current version (api/workspace/gate-router.ts).
 */
export const gateForm = (gate: GateId): FieldNode =>
  describeForm(deliverableSchemas[gate], { omit: ['documents'], choices: CATALOGUE_CHOICES });

/** The new project's form; its approval settings per gate are set on the project afterwards. */
export const newProjectForm = (): FieldNode => describeForm(createProject, { omit: ['approvals'] });
