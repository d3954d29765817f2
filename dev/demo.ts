/**
 * `npm run demo`: against a running `npm start`, creates the sample office-furniture project,
 * submits its step-1 deliverable and says where to click to approve it. Reads the same `.env`,
 * API key and ports as `npm start`, so it needs no arguments.
 */
import path from 'node:path';
import { type AppConfig, ConfigError, loadConfig } from '../config/config';
import { sampleNeed, sampleProject } from './sample-project';
import { loadDotEnv, officerKey, readDevSecrets, withDevDefaults } from './dev-env';

class DemoError extends Error {
  override name = 'DemoError';
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  config: AppConfig,
  key: string,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<Answer> {
  const url = `${config.api.publicBaseUrl}${route}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new DemoError(
      `The API at ${config.api.publicBaseUrl} does not answer (${cause}): run "npm start" first, in another terminal.`,
    );
  }
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
}

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status === status) return;
  const details = Array.isArray(answer.body.details) ? `\n  ${answer.body.details.join('\n  ')}` : '';
  const message = typeof answer.body.message === 'string' ? answer.body.message : JSON.stringify(answer.body);
  throw new DemoError(`${what} failed: HTTP ${answer.status} ${message}${details}`);
}

async function apiKeyFor(config: AppConfig): Promise<string> {
  const fromEnv = officerKey(config.apiKeys);
  if (fromEnv) return fromEnv.key;
  const stored = officerKey((await readDevSecrets(config.dataDir))?.apiKeys ?? []);
  if (stored) return stored.key;
  throw new DemoError(
    `No API key with the officer role: neither API_KEYS nor ${path.join(config.dataDir, 'dev-secrets.json')} has one. Run "npm start" once (it generates one).`,
  );
}

interface CapturedSummary {
  to: string[];
  subject: string;
  receivedAt: string;
}

/** The capture's JSON list; the mails are sent by an activity, so they may take a moment. */
async function awaitApprovalMails(
  outbox: string,
  approvers: string[],
  since: string,
): Promise<CapturedSummary[]> {
  const deadline = Date.now() + 15_000;
  let found: CapturedSummary[] = [];
  while (Date.now() < deadline) {
    const messages = await fetch(`${outbox}/api/messages`, { signal: AbortSignal.timeout(5_000) })
      .then((response) => response.json() as Promise<CapturedSummary[]>)
      .catch(() => []);
    found = messages.filter(
      (m) => m.receivedAt >= since && m.to.some((address) => approvers.includes(address.toLowerCase())),
    );
    if (found.length >= approvers.length) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return found;
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig(withDevDefaults(process.env));
  const key = await apiKeyFor(config);
  const since = new Date().toISOString();

  // Base 36 of the clock: short, unique per run, and a valid kebab-case id.
  const id = `office-furniture-demo-${Date.now().toString(36)}`;
  const project = sampleProject(id);
  const created = await call(config, key, 'POST', '/api/projects', project);
  expectStatus(created, 202, 'Creating the project');
  console.log(`Created project ${id} ("${project.title}", ${project.organisation}).`);

  const submitted = await call(
    config,
    key,
    'POST',
    `/api/projects/${id}/submissions/circular-need`,
    sampleNeed,
  );
  expectStatus(submitted, 200, 'Submitting the step-1 deliverable (circular need)');
  const approvers = Array.isArray(submitted.body.approvers)
    ? submitted.body.approvers.filter((a): a is string => typeof a === 'string')
    : [];
  console.log(
    `Submitted the circular need; the approval round asks ${approvers.join(' and ') || 'the approvers'}.`,
  );

  const links = (created.body.links ?? {}) as Record<string, string | undefined>;
  const temporalUi = config.temporal.embedded
    ? `http://localhost:${config.embeddedTemporal.uiPort}${links.temporalUi ?? `/namespaces/${config.temporal.namespace}/workflows`}`
    : `your Temporal UI (namespace ${config.temporal.namespace}), workflow ${String(created.body.workflowId)}`;

  const lines = ['', 'Next:'];
  if (config.smtp) {
    lines.push(
      `  1. The approval mails went to your SMTP server (${config.smtp.host ?? config.smtp.url ?? 'configured'}):`,
      `     open the "Goedkeuring gevraagd" / "Approval requested" mail of ${approvers.join(', ')}.`,
    );
  } else {
    const outbox = `http://localhost:${config.mail.captureWebPort}`;
    const mails = await awaitApprovalMails(outbox, approvers, since);
    lines.push(
      `  1. Open the outbox: ${outbox}${mails.length ? ` (${mails.length} approval mail(s) waiting)` : ''}`,
      `  2. In each "Goedkeuring gevraagd" / "Approval requested" mail, click the link and approve`,
      `     (one mail per approver: ${approvers.join(', ')}).`,
    );
  }
  lines.push(
    `  ${config.smtp ? 2 : 3}. Once all have approved, the project is in step 2 (circular ambitions):`,
    `     ${temporalUi}`,
    `     or: curl -H 'Authorization: Bearer ${key}' ${config.api.publicBaseUrl}/api/projects/${id}`,
  );
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  if (error instanceof DemoError || error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
