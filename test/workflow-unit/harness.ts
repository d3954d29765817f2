/**
 * Unit tests of the procurement workflow: the real workflow code on the time-skipping test server,
 * with stub activities that record what they were asked (as the SDK's samples test workflows).
 * One test server and one workflow bundle per test file, a fresh worker on its own task queue per
 * test. No SMTP, no API: updates, signals and queries go to the workflow directly, with inputs
 * normalized by the domain schemas as the API sends them.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { z } from 'zod';
import type { Activities } from '../../activities';
import { sendMailBatch } from '../../activities/mail/batch';
import { sampleProject } from '../../dev/sample-project';
import type { GateId } from '../../domain/catalogue';
import { FailureType } from '../../domain/failure-types';
import type { Notification, NotificationKind } from '../../domain/notifications';
import { type AuditEntry, type Lesson, workflowIdFor } from '../../domain/project';
import {
  type CreateProject,
  type DecisionKind,
  approvalSettings,
  createProject,
  deliverableSchemas,
} from '../../domain/schemas';
import {
  type DecideArgs,
  decideUpdate,
  auditTrailQuery,
  projectQuery,
  submitDeliverableUpdate,
} from '../../workflows/messages';
import { procurementWorkflow } from '../../workflows/procurement';
import { eventually, timeSkippingEnvironment, workflowBundle } from '../helpers/harness';
import { people, sampleDeliverable, uniqueId } from '../helpers/project-api';

export { people };
export const HOUR = 3_600_000;

/** Whole minutes from `from` (ms) to an ISO instant: a skipped-time timer fires a few ms late. */
export const minutesAfter = (from: number | string, at: string | undefined): number =>
  Math.floor((Date.parse(at ?? '') - (typeof from === 'string' ? Date.parse(from) : from)) / 60_000);

/** How long a wait for something the worker does may take in real time before the test fails. */
const WAIT_MS = 10_000;

/**
 * What the stub mail activity was asked to send: every attempt (retries included) and what went
 * out. Waiting for a message resolves as soon as the stub records it.
 */
export class Mailbox {
  readonly attempts: Notification[] = [];
  readonly sent: Notification[] = [];
  private readonly listeners = new Set<() => void>();

  record(notification: Notification, delivered: boolean): void {
    this.attempts.push(notification);
    if (delivered) this.sent.push(notification);
    for (const listener of [...this.listeners]) listener();
  }

  /** Messages that went out, of one kind, to one address. */
  of(kind?: NotificationKind, to?: string): Notification[] {
    return this.sent.filter((n) => matches(n, kind, to));
  }

  attemptsTo(to: string): Notification[] {
    return this.attempts.filter((n) => matches(n, undefined, to));
  }

  /** Resolves with the messages of this kind (to this address) once `count` of them went out. */
  waitFor(kind: NotificationKind, to?: string, count = 1): Promise<Notification[]> {
    return this.until(`${count} × ${kind}${to ? ` → ${to}` : ''}`, () => {
      const found = this.of(kind, to);
      return found.length >= count ? found : undefined;
    });
  }

  /** Resolves once the stub was asked `count` times to mail this address (delivered or not). */
  waitForAttempts(to: string, count = 1): Promise<Notification[]> {
    return this.until(`${count} attempt(s) → ${to}`, () => {
      const found = this.attemptsTo(to);
      return found.length >= count ? found : undefined;
    });
  }

  private until<T>(what: string, check: () => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const listener = () => {
        const found = check();
        if (found === undefined) return;
        this.listeners.delete(listener);
        clearTimeout(guard);
        resolve(found);
      };
      const guard = setTimeout(() => {
        this.listeners.delete(listener);
        const seen = this.sent.map((n) => `${n.kind} → ${n.recipient.email}`).join(', ');
        reject(new Error(`no ${what} within ${WAIT_MS} ms (sent: ${seen || 'nothing'})`));
      }, WAIT_MS);
      this.listeners.add(listener);
      listener();
    });
  }
}

function matches(n: Notification, kind: NotificationKind | undefined, to: string | undefined): boolean {
  return (!kind || n.kind === kind) && (!to || n.recipient.email === to);
}

/**
 * What the real mail activity throws when the server refuses a message for good (550): the same
 * non-retryable MailRejected failure. Marked benign, so the SDK logs each at debug level instead of
 * a warning with a stack; the workflow sees the same failure either way.
 */
export function refusedForGood(message: string): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type: FailureType.mailRejected,
    nonRetryable: true,
    category: ApplicationFailureCategory.BENIGN,
  });
}

/** A refusal worth retrying (451), as a transport error the real activity passes on; benign, as above. */
export function refusedForNow(message: string): ApplicationFailure {
  return ApplicationFailure.create({ message, category: ApplicationFailureCategory.BENIGN });
}

export interface StubOptions {
  /** The error the "mail server" answers for a message, or undefined to deliver it. */
  refuse?: (notification: Notification) => Error | undefined;
  /** What fetchLessons answers: lessons of earlier projects of the product group. */
  lessons?: Lesson[];
}

export interface Published {
  productGroup: string;
  lesson: Lesson;
}

/** The project's activities as stubs that record what they were asked. */
export function stubActivities(mail: Mailbox, published: Published[], options: StubOptions = {}): Activities {
  const sendOne = (notification: Notification) => {
    const refusal = options.refuse?.(notification);
    mail.record(notification, !refusal);
    if (refusal) return Promise.reject(refusal);
    const { kind, recipient, sequence } = notification;
    return Promise.resolve({ messageId: `<${kind}.${sequence}.${recipient.email}@stub>` });
  };
  return {
    sendNotification: sendOne,
    // The real batching (activities/mail/batch.ts) around the stub's single send.
    sendNotifications: (items) =>
      sendMailBatch(items, {
        sendOne,
        isRefusedForGood: (error) =>
          error instanceof ApplicationFailure && error.type === FailureType.mailRejected,
        remainingMs: () => Infinity,
        sendWorstCaseMs: 0,
      }),
    fetchLessons: () => Promise.resolve(options.lessons ?? []),
    publishLessons: (productGroup, lesson) => {
      published.push({ productGroup, lesson });
      return Promise.resolve();
    },
  };
}

export interface ProjectOptions extends StubOptions {
  /** The sample project's approval settings, as given (defaults filled in as the API does). */
  approvals?: z.input<typeof approvalSettings>;
  /** The people named at creation, instead of the sample's seven (one per role). */
  approvers?: CreateProject['approvers'];
}

/** One running project under test and the ways a test talks to it. */
export class ProjectUnderTest {
  constructor(
    readonly id: string,
    readonly handle: WorkflowHandle<typeof procurementWorkflow>,
    readonly mail: Mailbox,
    readonly published: Published[],
  ) {}

  /** Submits a deliverable, normalized by the gate's schema as the API does. */
  submit(gate: GateId, deliverable: unknown = sampleDeliverable(gate), submittedBy = people.requester.email) {
    return this.handle.executeUpdate(submitDeliverableUpdate, {
      args: [{ gate, deliverable: deliverableSchemas[gate].parse(deliverable), submittedBy, channel: 'api' }],
    });
  }

  decide(approver: string, decision: DecisionKind = 'approve', extra: Partial<DecideArgs> = {}) {
    return this.handle.executeUpdate(decideUpdate, {
      args: [{ approver, decision, channel: 'api', ...extra }],
    });
  }

  state() {
    return this.handle.query(projectQuery);
  }

  async audit(kind?: AuditEntry['kind']): Promise<AuditEntry[]> {
    const entries = await this.handle.query(auditTrailQuery);
    return kind ? entries.filter((entry) => entry.kind === kind) : entries;
  }

  /** Waits (on the workflow's own record, queried) until `count` audit entries of a kind are there. */
  untilAudit(kind: AuditEntry['kind'], count = 1): Promise<AuditEntry[]> {
    return eventually(
      async () => {
        const entries = await this.audit(kind);
        return entries.length >= count ? entries : undefined;
      },
      WAIT_MS,
      20,
    );
  }

  /** Everyone the open round waits for approves, in turn, until it closes; returns who decided. */
  async approveRound(): Promise<string[]> {
    const deciders: string[] = [];
    for (let turn = 0; turn < 20; turn++) {
      const { pendingApprovers } = await this.state();
      if (pendingApprovers.length === 0) return deciders;
      for (const email of pendingApprovers) {
        deciders.push(email);
        if ((await this.decide(email)).roundStatus !== 'open') return deciders;
      }
    }
    throw new Error('the round never closed');
  }

  /** Submits the sample deliverable of every gate and approves it until the project waits at `gate`. */
  async advanceTo(gate: GateId): Promise<void> {
    for (let step = 0; step < 10; step++) {
      const current = (await this.state()).gate;
      if (current === gate) return;
      if (!current) throw new Error(`project ${this.id} has no gate on the way to ${gate}`);
      await this.submit(current);
      await this.approveRound();
    }
    throw new Error(`project ${this.id} did not reach ${gate}`);
  }
}

/**
 * The time-skipping environment and bundle of one test file (created in beforeAll), and `run`,
 * which starts a project on a fresh worker with stub activities, hands it to the test and ends the
 * workflow afterwards so its timers cannot fire into later tests.
 */
export function workflowUnitSuite() {
  let env: TestWorkflowEnvironment | undefined;
  let bundle: WorkflowBundleWithSourceMap | undefined;
  beforeAll(async () => {
    [env, bundle] = await Promise.all([timeSkippingEnvironment(), workflowBundle()]);
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  const ready = () => {
    if (!env || !bundle) throw new Error('the time-skipping environment is not ready (beforeAll failed)');
    return { env, bundle };
  };

  return {
    get env(): TestWorkflowEnvironment {
      return ready().env;
    },
    /** Workflow time now, as the workflow's `today` sees it. */
    async now(): Promise<number> {
      return ready().env.currentTimeMs();
    },
    async run(
      name: string,
      options: ProjectOptions,
      test: (project: ProjectUnderTest) => Promise<void>,
    ): Promise<void> {
      const { env, bundle } = ready();
      const id = uniqueId(name);
      const taskQueue = `unit-${id}`;
      const mail = new Mailbox();
      const published: Published[] = [];
      const overrides = {
        ...(options.approvals ? { approvals: approvalSettings.parse(options.approvals) } : {}),
        ...(options.approvers ? { approvers: options.approvers } : {}),
      };
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: bundle,
        activities: stubActivities(mail, published, options),
        // The workflow runs in this thread, in the same sandbox as in a worker thread: a worker
        // comes up in about half the time (its preload evaluates once per worker) and each
        // activation is faster. It also lifts the 5-second deadlock guard, which unit tests do not need.
        debugMode: true,
      });
      await worker.runUntil(async () => {
        const handle = await env.client.workflow.start(procurementWorkflow, {
          taskQueue,
          workflowId: workflowIdFor(id),
          args: [{ kind: 'new', project: createProject.parse(sampleProject(id, overrides)) }],
        });
        try {
          await test(new ProjectUnderTest(id, handle, mail, published));
        } finally {
          if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test over');
        }
      });
    },
  };
}
