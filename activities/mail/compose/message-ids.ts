/**
 * Deterministic Message-IDs and the threading headers built from them: a reminder, an escalation or
 * an outcome answers the request it follows up, so mail clients show one conversation per round.
 */
import { createHash } from 'node:crypto';
import type { GateId } from '../../../domain/catalogue';
import type { Notification } from '../../../domain/notifications';
import type { Person } from '../../../domain/schemas';

const shortHash = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 16);

/** The parts of a Message-ID; the recipient's address is hashed so it does not show in headers. */
interface MessageIdParts {
  projectId: string;
  /** The round (`<gate>.r<round>`), the follow-up moment (`moment.<id>`) or `project`. */
  scope: string;
  kind: Notification['kind'];
  sequence: number;
  resend?: number;
  recipient: Person;
}

function formatMessageId(parts: MessageIdParts, domain: string): string {
  const resend = parts.resend ? `.resend${parts.resend}` : '';
  return `<cpo.${parts.projectId}.${parts.scope}.${parts.kind}.${parts.sequence}${resend}.${shortHash(parts.recipient.email)}@${domain}>`;
}

const roundScope = (gate: GateId, round: number): string => `${gate}.r${round}`;

function scopeOf(notification: Notification): string {
  if ('gate' in notification) return roundScope(notification.gate, notification.round);
  if ('moment' in notification) return `moment.${notification.moment.id}`;
  return 'project';
}

/**
 * Same (project, gate/moment, round, recipient, kind, sequence) → same Message-ID, on every retry,
 * so a receiving system that saw the first attempt drops the duplicate.
 */
export function messageIdFor(notification: Notification, domain: string): string {
  return formatMessageId(
    {
      projectId: notification.project.projectId,
      scope: scopeOf(notification),
      kind: notification.kind,
      sequence: notification.sequence,
      ...(notification.resend ? { resend: notification.resend } : {}),
      recipient: notification.recipient,
    },
    domain,
  );
}

/** The Message-ID of the approval request a person got in a round (sequence = delegations before them). */
function requestId(
  n: Notification,
  recipient: Person,
  gate: GateId,
  round: number,
  domain: string,
  sequence = 0,
): string {
  return formatMessageId(
    {
      projectId: n.project.projectId,
      scope: roundScope(gate, round),
      kind: 'approval-request',
      sequence,
      recipient,
    },
    domain,
  );
}

/** The messages a reminder, escalation or outcome follows up, for In-Reply-To / References. */
export function threadParent(notification: Notification, domain: string): string[] {
  switch (notification.kind) {
    case 'approval-reminder':
      return [
        requestId(
          notification,
          notification.recipient,
          notification.gate,
          notification.round,
          domain,
          notification.requestSequence,
        ),
      ];
    case 'round-outcome':
    case 'round-replaced':
      return [requestId(notification, notification.recipient, notification.gate, notification.round, domain)];
    case 'approval-escalation':
      return notification.pending.map((person) =>
        requestId(notification, person, notification.gate, notification.round, domain),
      );
    case 'review-reminder':
    case 'calendar-update':
      return [
        messageIdFor(
          {
            kind: 'review-request',
            project: notification.project,
            recipient: notification.recipient,
            sequence: 0,
            moment: notification.moment,
            supplier: notification.supplier,
          },
          domain,
        ),
      ];
    default:
      return [];
  }
}
