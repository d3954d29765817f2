/** What the decision-link tests share: a project with an open round, its request mails, their links, its decisions. */
import type { CapturedMessage } from '../../dev/mail-capture';
import { sampleNeed, sampleProject } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import type { CreateProject } from '../../domain/schemas';
import { auditTrailQuery } from '../../workflows/messages';
import type { Harness } from '../helpers/harness';

let counter = 0;

/** A new project whose need is submitted, so its first round asks the sample approvers. */
export async function projectWithOpenRound(
  h: Harness,
  name: string,
  overrides: Partial<CreateProject> = {},
): Promise<string> {
  const id = `${name}-${Date.now()}-${++counter}`;
  expect((await h.api().post('/api/projects').send(sampleProject(id, overrides))).status).toBe(202);
  expect((await h.api().post(`/api/projects/${id}/submissions/circular-need`).send(sampleNeed)).status).toBe(
    200,
  );
  return id;
}

/** The approval request (or resent link) mailed to `email` in project `id`. */
export function requestFor(
  h: Harness,
  id: string,
  email: string,
  extra: (m: CapturedMessage) => boolean = () => true,
): Promise<CapturedMessage> {
  return h.mail
    .waitFor(
      (m) =>
        m.to.includes(email) &&
        m.text.includes(`/d/`) &&
        m.messageId?.includes(`cpo.${id}.`) === true &&
        extra(m),
    )
    .then((found) => found[0] as CapturedMessage);
}

/** The decision link of a mail, as a path on the API (/d/<token>). */
export function decisionLink(h: Harness, message: CapturedMessage): string {
  const link = message.links.find((l) => l.startsWith(`${h.baseUrl}/d/`));
  if (!link) throw new Error(`no decision link in: ${message.text}`);
  return link.slice(h.baseUrl.length);
}

/** Every decision recorded in the project, as `approver:decision`. */
export async function decisionsIn(h: Harness, id: string): Promise<string[]> {
  const audit = await h.client.workflow.getHandle(workflowIdFor(id)).query(auditTrailQuery);
  return audit.filter((e) => e.kind === 'decided').map((e) => `${e.actor}:${String(e.details?.decision)}`);
}
