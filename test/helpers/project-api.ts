/**
 * Drives projects through the real API the way people do: each person with their own key, the
 * sample deliverables of dev/sample-project.ts, and mail read from the real SMTP capture.
 */
import { temporal } from '@temporalio/proto';
import type { CapturedMessage } from '../../dev/mail-capture';
import {
  sampleAmbitions,
  sampleAward,
  sampleEndOfUse,
  sampleEvaluation,
  sampleMarketDialogue,
  sampleNeed,
  samplePeople,
  sampleProject,
  sampleTenderDocuments,
} from '../../dev/sample-project';
import type { GateId } from '../../domain/catalogue';
import { formatDate } from '../../domain/follow-up';
import { workflowIdFor } from '../../domain/project';
import type { NotificationKind } from '../../domain/notifications';
import type { CreateProject } from '../../domain/schemas';
import { type Harness, OFFICER_KEY, eventually, personalKey } from './harness';

export const people = samplePeople;

/** The API key of a sample person (the requester holds the officer key). */
export function keyOf(email: string): string {
  return email === samplePeople.requester.email ? OFFICER_KEY : personalKey(email);
}

/** A project id no other test (or earlier run against the same server) uses. */
export function uniqueId(name: string): string {
  return `${name}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export function daysFromNow(days: number, from = Date.now()): string {
  return formatDate(new Date(from + days * 86_400_000));
}

/** The sample deliverable of each gate; the award runs from next month for two years. */
export function sampleDeliverable(gate: GateId, now = Date.now()): unknown {
  switch (gate) {
    case 'circular-need':
      return sampleNeed;
    case 'circular-ambitions':
      return sampleAmbitions;
    case 'market-dialogue':
      return sampleMarketDialogue;
    case 'tender-documents':
      return sampleTenderDocuments;
    case 'award':
      return sampleAward(daysFromNow(30, now), daysFromNow(30 + 730, now));
    case 'end-of-use':
      return sampleEndOfUse;
    case 'evaluate':
      return sampleEvaluation;
  }
}

export async function createProject(
  h: Harness,
  id: string,
  overrides: Partial<CreateProject> = {},
): Promise<void> {
  const response = await h.api().post('/api/projects').send(sampleProject(id, overrides));
  if (response.status !== 202)
    throw new Error(`create ${id}: ${response.status} ${JSON.stringify(response.body)}`);
}

export async function getProject(h: Harness, id: string) {
  const response = await h.api().get(`/api/projects/${id}`);
  if (response.status !== 200)
    throw new Error(`get ${id}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** An audit entry as the API returns it (the fields tests read). */
export interface AuditRow {
  at: string;
  kind: string;
  actor: string;
  channel: string;
  gate?: string;
  round?: number;
  comment?: string;
  details?: Record<string, unknown>;
}

export async function auditOf(h: Harness, id: string): Promise<AuditRow[]> {
  const response = await h.api().get(`/api/projects/${id}/audit`);
  if (response.status !== 200) throw new Error(`audit ${id}: ${response.status}`);
  return response.body.entries;
}

export async function submit(h: Harness, id: string, gate: GateId, deliverable?: unknown) {
  const response = await h
    .api()
    .post(`/api/projects/${id}/submissions/${gate}`)
    .send((deliverable ?? sampleDeliverable(gate)) as object);
  if (response.status !== 200)
    throw new Error(`submit ${gate} of ${id}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A decision by one person through the API; returns the raw response (the caller checks it). */
export function decide(
  h: Harness,
  id: string,
  email: string,
  body: Record<string, unknown> = { decision: 'approve' },
) {
  return h.api(keyOf(email)).post(`/api/projects/${id}/decisions`).send(body);
}

/** Everyone the open round waits for approves, one after the other, until the round closes. */
export async function approveRound(h: Harness, id: string): Promise<string[]> {
  const deciders: string[] = [];
  for (let i = 0; i < 20; i++) {
    const project = await getProject(h, id);
    const pending: string[] = project.pendingApprovers;
    if (pending.length === 0) return deciders;
    for (const email of pending) {
      const response = await decide(h, id, email);
      if (response.status !== 200)
        throw new Error(`approve by ${email}: ${response.status} ${JSON.stringify(response.body)}`);
      deciders.push(email);
      if (response.body.roundStatus !== 'open') return deciders;
    }
  }
  throw new Error('the round never closed');
}

/** Submits the sample deliverable of each gate and approves it until the project waits at `gate`. */
export async function advanceTo(h: Harness, id: string, gate: GateId): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const project = await getProject(h, id);
    if (project.gate === gate) return;
    if (!project.gate) throw new Error(`project ${id} has no gate (step ${project.step}, ${project.status})`);
    await submit(h, id, project.gate);
    await approveRound(h, id);
  }
  throw new Error(`project ${id} did not reach ${gate}`);
}

/** Mail about one project (its Message-IDs carry the project id and the notification kind). */
export function mailsFor(h: Harness, id: string, kind?: NotificationKind, to?: string): CapturedMessage[] {
  return h.mail.messages.filter(
    (m) =>
      m.messageId?.includes(`<cpo.${id}.`) &&
      (!kind || m.messageId.includes(`.${kind}.`)) &&
      (!to || m.to.includes(to)),
  );
}

export function waitForMail(
  h: Harness,
  id: string,
  kind: NotificationKind,
  to?: string,
  count = 1,
): Promise<CapturedMessage[]> {
  return h.mail.waitFor(
    (m) =>
      m.messageId?.includes(`<cpo.${id}.`) === true &&
      m.messageId.includes(`.${kind}.`) &&
      (!to || m.to.includes(to)),
    { count },
  );
}

const EventType = temporal.api.enums.v1.EventType;

/**
 * The history length once the workflow is idle: no activity and no workflow task pending, the last
 * event a completed workflow task, and the same length on two reads in a row. Mail goes out beside
 * the main loop, so right after a change activities may still be completing.
 */
export async function settledHistoryLength(h: Harness, id: string): Promise<number> {
  const handle = h.client.workflow.getHandle(workflowIdFor(id));
  let previous = -1;
  return eventually(
    async () => {
      const { raw } = await handle.describe();
      const events = (await handle.fetchHistory()).events ?? [];
      const idle =
        (raw.pendingActivities ?? []).length === 0 &&
        !raw.pendingWorkflowTask &&
        String(events.at(-1)?.eventType) === String(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
      const settled = idle && events.length === previous;
      previous = events.length;
      return settled ? events.length : undefined;
    },
    20_000,
    300,
  );
}
