/**
 * Drives projects over real HTTP against any of several API instances, as people and their
 * clients do: each person with their own key, decisions through the API or through the link in
 * their mail, and every request that changes something retried with the same Idempotency-Key
 * while the cluster is partly down (a 5xx or a broken connection says nothing about the outcome).
 */
import { randomUUID } from 'node:crypto';
import type { MailCapture } from '../../dev/mail-capture';
import { sampleProject } from '../../dev/sample-project';
import type { GateId } from '../../domain/catalogue';
import { OFFICER_KEY } from '../helpers/harness';
import { keyOf, sampleDeliverable } from '../helpers/project-api';

export interface Answer {
  status: number;
  body: unknown;
  text: string;
  attempts: number;
  /** When the answer arrived (epoch ms). */
  at: number;
}

/** A decision the API acknowledged: it answered 200, so it must be in the project's audit trail. */
export interface AcknowledgedDecision {
  projectId: string;
  gate: GateId;
  round: number;
  approver: string;
  channel: 'api' | 'email';
  api: string;
  at: number;
  attempts: number;
}

interface Request {
  method: 'GET' | 'POST';
  key?: string;
  json?: unknown;
  form?: Record<string, string>;
  /** Keep retrying 5xx and network errors until this long has passed. */
  retryForMs?: number;
}

const ATTEMPT_TIMEOUT_MS = 30_000;

/** Attempts that failed (5xx or no answer) and were retried or given up, over all calls. */
export const failedAttempts = { count: 0 };

export async function call(baseUrl: string, path: string, request: Request): Promise<Answer> {
  const idempotencyKey = randomUUID();
  const deadline = Date.now() + (request.retryForMs ?? 0);
  for (let attempts = 1; ; attempts++) {
    const headers: Record<string, string> = {};
    if (request.key) headers.authorization = `Bearer ${request.key}`;
    if (request.method === 'POST') headers['idempotency-key'] = idempotencyKey;
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    let failure: string;
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method: request.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status < 500) {
        const parsed = (response.headers.get('content-type') ?? '').includes('json')
          ? (JSON.parse(text) as unknown)
          : undefined;
        return { status: response.status, body: parsed, text, attempts, at: Date.now() };
      }
      failure = `${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    failedAttempts.count++;
    if (Date.now() >= deadline)
      throw new Error(`${request.method} ${path} on ${baseUrl}: ${failure} (after ${attempts} attempt(s))`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer;
}

export interface ProjectView {
  step: string;
  gate?: GateId;
  status: string;
  pendingApprovers: string[];
  currentRound?: { gate: GateId; number: number; status: string };
}

export interface AuditEntry {
  kind: string;
  actor: string;
  channel: string;
  gate?: GateId;
  round?: number;
}

export class ClusterApi {
  constructor(
    private readonly mail: MailCapture,
    /** How long a change is retried while the cluster is partly down. */
    private readonly retryForMs = 120_000,
  ) {}

  async createProject(api: string, id: string): Promise<void> {
    expectStatus(
      await call(api, '/api/projects', {
        method: 'POST',
        key: OFFICER_KEY,
        json: sampleProject(id),
        retryForMs: this.retryForMs,
      }),
      202,
      `create ${id}`,
    );
  }

  async submit(api: string, id: string, gate: GateId): Promise<void> {
    expectStatus(
      await call(api, `/api/projects/${id}/submissions/${gate}`, {
        method: 'POST',
        key: OFFICER_KEY,
        json: sampleDeliverable(gate),
        retryForMs: this.retryForMs,
      }),
      200,
      `submit ${gate} of ${id}`,
    );
  }

  async project(api: string, id: string): Promise<ProjectView> {
    const answer = await call(api, `/api/projects/${id}`, {
      method: 'GET',
      key: OFFICER_KEY,
      retryForMs: this.retryForMs,
    });
    return expectStatus(answer, 200, `get ${id}`).body as ProjectView;
  }

  async audit(api: string, id: string): Promise<AuditEntry[]> {
    const answer = await call(api, `/api/projects/${id}/audit`, {
      method: 'GET',
      key: OFFICER_KEY,
      retryForMs: this.retryForMs,
    });
    return (expectStatus(answer, 200, `audit of ${id}`).body as { entries: AuditEntry[] }).entries;
  }

  /** The open round of a project: its gate, number and who it still waits for. */
  async openRound(api: string, id: string): Promise<{ gate: GateId; round: number; pending: string[] }> {
    const view = await this.project(api, id);
    if (!view.currentRound || view.currentRound.status !== 'open')
      throw new Error(`${id} has no open round (step ${view.step}, ${view.status})`);
    return { gate: view.currentRound.gate, round: view.currentRound.number, pending: view.pendingApprovers };
  }

  /** The approval request mailed to `approver` for this round. */
  async requestMail(id: string, gate: GateId, round: number, approver: string) {
    const [message] = await this.mail.waitFor(
      (m) =>
        m.to.includes(approver) &&
        m.messageId?.includes(`<cpo.${id}.${gate}.r${round}.approval-request.`) === true,
      { timeoutMs: 60_000 },
    );
    if (!message) throw new Error(`no approval request for ${approver} in ${id}`);
    return message;
  }

  /** `approver` approves the round, through the API or by the link in their mail, on API `api`. */
  async approve(
    api: string,
    id: string,
    gate: GateId,
    round: number,
    approver: string,
    channel: 'api' | 'email',
  ): Promise<AcknowledgedDecision> {
    let answer: Answer;
    if (channel === 'api') {
      answer = await call(api, `/api/projects/${id}/decisions`, {
        method: 'POST',
        key: keyOf(approver),
        json: { gate, round, decision: 'approve' },
        retryForMs: this.retryForMs,
      });
    } else {
      const message = await this.requestMail(id, gate, round, approver);
      const link = message.links.find((candidate) => new URL(candidate).pathname.startsWith('/d/'));
      if (!link) throw new Error(`no decision link in the mail to ${approver}: ${message.text}`);
      // Any API instance verifies the link: they share the signing keys.
      answer = await call(api, new URL(link).pathname, {
        method: 'POST',
        form: { decision: 'approve' },
        retryForMs: this.retryForMs,
      });
    }
    expectStatus(answer, 200, `${approver} approves ${gate} r${round} of ${id} via ${channel}`);
    return { projectId: id, gate, round, approver, channel, api, at: answer.at, attempts: answer.attempts };
  }
}
