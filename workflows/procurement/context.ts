/**
 * The project entity every part of the workflow works on: its state plus the bookkeeping each
 * state change needs (audit entry, outbox, wake-up of the main loop, visibility). The parts
 * (submissions, rounds, timers, contract, admin) are functions of this context, one concept a file.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { pendingEmails } from '../../domain/approval-policy';
import { type ArchivedList, CARRIED_STATE_VERSION, withinKeywordListLimit } from '../../domain/carried-state';
import { type StepId, gatesOfStep } from '../../domain/catalogue';
import { projectDetails } from '../../domain/details';
import { participantEmails, submitterEmails } from '../../domain/participants';
import type { Notification } from '../../domain/notifications';
import { type AuditEntry, type ProjectState, openRound } from '../../domain/project';
import { type CreateProject, type Person, approvalSettings } from '../../domain/schemas';
import {
  ContractEndDate,
  FailedNotifications,
  LastChangedOn,
  NextReviewDue,
  Organisation,
  Participants,
  PendingApprovers,
  ProcurementStatus,
  ProcurementStep,
  ProductGroup,
  RoundPastDeadline,
  Submitters,
} from '../../domain/search-attributes';
import { currentOrigin } from '../request-origin';
import { isPatched, PARTICIPANTS_ATTRIBUTE, WORKSPACE_ATTRIBUTES } from './patches';
import { now, nowIso, today } from './clock';

export type ProcurementWorkflowInput =
  | {
      kind: 'new';
      project: CreateProject;
      /** Who started it (the API key's person); absent from starts by older API versions and the CLI. */
      createdBy?: { email: string; name: string };
    }
  | { kind: 'continued'; state: ProjectState };

export interface ProcurementWorkflowResult {
  projectId: string;
  outcome: NonNullable<ProjectState['outcome']>;
  step: StepId;
}

export function initialState(project: CreateProject, createdAt: string, createdBy?: string): ProjectState {
  return {
    projectId: project.id,
    title: project.title,
    organisation: project.organisation,
    productGroup: project.productGroup,
    ...(project.description ? { description: project.description } : {}),
    requester: project.requester,
    createdAt,
    team: project.approvers,
    approvals: project.approvals ?? approvalSettings.parse({}),
    step: 'circular-need',
    gate: 'circular-need',
    status: 'awaiting-submission',
    submissions: {},
    rounds: [],
    outbox: [],
    nextOutboxId: 1,
    reviews: [],
    earlierLessons: [],
    audit: [
      {
        at: createdAt,
        kind: 'project-created',
        step: 'circular-need',
        actor: createdBy ?? project.requester.email,
        channel: 'api',
        ...requestIdField(),
      },
    ],
    previousRuns: 0,
    stateVersion: CARRIED_STATE_VERSION,
    archive: [],
  };
}

/** The id of the API request being handled, for its audit entries (absent for timers and the loop). */
function requestIdField(): { requestId?: string } {
  const requestId = currentOrigin()?.requestId;
  return requestId ? { requestId } : {};
}

/** The attributes My work needs, from the state and the day of this change. */
function workspaceAttributes(s: ProjectState, changedOn: string) {
  const round = openRound(s);
  const nextReview = s.contract?.moments
    .filter((moment) => !moment.reviewedAt && !moment.cancelledAt)
    .map((moment) => moment.dueOn)
    .sort()[0];
  return {
    submitters: withinKeywordListLimit(submitterEmails(s)),
    nextReview: s.outcome ? undefined : nextReview,
    pastDeadline: Boolean(round?.deadline?.handled),
    changedOn,
  };
}

const midnightUtc = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

export class ProjectContext {
  /** Bumped by every state change; the main loop wakes on it. */
  revision = 0;
  /** Outbox items whose activity is running (detached outbox); not state: a new run starts them again. */
  readonly sending = new Set<number>();
  private lastSearchAttributes = '';
  private lastAttributes: Record<string, unknown> | undefined;

  /**
   * What this run received in its start input (none for a new project): only those entries can
   * leave the carried state at continue-as-new (domain/carried-state.ts). Rounds count while they
   * were already closed, since an open round still changes in this run.
   */
  readonly received: Record<ArchivedList, number>;

  constructor(
    readonly state: ProjectState,
    continued = false,
  ) {
    const closedRounds = state.rounds.findIndex((round) => round.status === 'open');
    this.received = continued
      ? {
          audit: state.audit.length,
          reviews: state.reviews.length,
          rounds: closedRounds === -1 ? state.rounds.length : closedRounds,
        }
      : { audit: 0, reviews: 0, rounds: 0 };
  }

  audit(entry: Omit<AuditEntry, 'at' | 'step'> & { at?: string }): void {
    this.state.audit.push({ at: nowIso(), step: this.state.step, ...entry, ...requestIdField() });
  }

  enqueueMail(notification: Notification): void {
    const origin = currentOrigin();
    const traced = {
      ...(origin?.requestId ? { requestId: origin.requestId } : {}),
      ...(origin?.trace ? { trace: origin.trace } : {}),
    };
    this.state.outbox.push({
      id: this.state.nextOutboxId++,
      kind: 'mail',
      notification: { ...notification, ...traced },
    });
  }

  changed(): void {
    this.revision++;
    this.refreshVisibility();
  }

  /** Wakes the main loop without a change anyone sees (a message went out). */
  wake(): void {
    this.revision++;
  }

  get projectRef(): Notification['project'] {
    const { projectId, title, organisation, productGroup } = this.state;
    return { projectId, title, organisation, productGroup };
  }

  /** A known person for an email address (team, requester, contract manager), else a bare one. */
  person(email: string): Person {
    const s = this.state;
    const known =
      s.team.find((m) => m.email === email) ??
      (s.requester.email === email ? s.requester : undefined) ??
      (s.contract?.manager.email === email ? s.contract.manager : undefined) ??
      s.rounds
        .flatMap((r) => r.slots.flatMap((slot) => [slot.approver, slot.holder]))
        .find((p) => p.email === email);
    if (!known) return { name: email, email };
    const { name, locale, timeZone } = known;
    return { name, email, ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
  }

  purchasing(): Person[] {
    const buyers = this.state.team
      .filter((m) => m.roles.includes('purchasing-team'))
      .map((m) => this.person(m.email));
    return buyers.length > 0 ? buyers : [this.state.requester];
  }

  refreshVisibility(): void {
    const s = this.state;
    const attributes = {
      step: s.step,
      status: s.status,
      productGroup: s.productGroup,
      organisation: s.organisation,
      pending: withinKeywordListLimit(pendingEmails(openRound(s))),
      contractEnd: s.contract?.end,
      failed: s.failedNotifications ?? 0,
      ...(isPatched(PARTICIPANTS_ATTRIBUTE)
        ? { participants: withinKeywordListLimit(participantEmails(s)) }
        : {}),
      ...(isPatched(WORKSPACE_ATTRIBUTES) ? { workspace: workspaceAttributes(s, today()) } : {}),
    };
    const key = JSON.stringify(attributes);
    if (key !== this.lastSearchAttributes) {
      const before = this.lastAttributes;
      this.lastSearchAttributes = key;
      this.lastAttributes = attributes;
      const changed = <K extends keyof typeof attributes>(name: K): boolean =>
        !before || JSON.stringify(before[name]) !== JSON.stringify(attributes[name]);
      // Only what changed (a decision changes PendingApprovers alone); the command is the same.
      const updates: SearchAttributeUpdatePair[] = [
        ...(changed('step') ? [{ key: ProcurementStep, value: attributes.step }] : []),
        ...(changed('status') ? [{ key: ProcurementStatus, value: attributes.status }] : []),
        ...(changed('productGroup') ? [{ key: ProductGroup, value: attributes.productGroup }] : []),
        ...(changed('organisation') ? [{ key: Organisation, value: attributes.organisation }] : []),
        ...(changed('pending') ? [{ key: PendingApprovers, value: attributes.pending }] : []),
        ...(attributes.participants && changed('participants')
          ? [{ key: Participants, value: attributes.participants }]
          : []),
        ...(attributes.contractEnd && changed('contractEnd')
          ? [{ key: ContractEndDate, value: new Date(`${attributes.contractEnd}T00:00:00.000Z`) }]
          : []),
        // Only once there is something to see: clusters that predate the attribute keep working.
        ...(attributes.failed > 0 && changed('failed')
          ? [{ key: FailedNotifications, value: attributes.failed }]
          : []),
      ];
      const workspace = attributes.workspace;
      const wasWorkspace = before?.workspace as typeof workspace;
      if (workspace) {
        const differs = <K extends keyof NonNullable<typeof workspace>>(name: K): boolean =>
          !wasWorkspace || JSON.stringify(wasWorkspace[name]) !== JSON.stringify(workspace[name]);
        if (differs('submitters')) updates.push({ key: Submitters, value: workspace.submitters });
        // null removes the attribute: the reviews are done, the round closed.
        if (differs('nextReview'))
          updates.push({
            key: NextReviewDue,
            value: workspace.nextReview ? midnightUtc(workspace.nextReview) : null,
          });
        if (differs('pastDeadline')) updates.push({ key: RoundPastDeadline, value: workspace.pastDeadline });
        if (differs('changedOn'))
          updates.push({ key: LastChangedOn, value: midnightUtc(workspace.changedOn) });
      }
      upsertSearchAttributes(updates);
    }
    setCurrentDetails(projectDetails(s, now()));
  }

  enterStep(step: StepId, reason?: string): void {
    const s = this.state;
    s.step = step;
    const gate = gatesOfStep(step)[0];
    if (gate) {
      s.gate = gate;
      s.status = 'awaiting-submission';
    } else {
      delete s.gate;
      s.status = 'in-contract';
    }
    this.audit({
      kind: 'step-entered',
      actor: 'system',
      channel: 'system',
      ...(reason ? { comment: reason } : {}),
    });
  }
}
