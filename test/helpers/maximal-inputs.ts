/**
 * Inputs at their maximum: for each schema a person submits, a valid value in which every text has
 * its maximum length (in two-byte characters), every list its maximum number of items (a fixed
 * number where the schema sets none) and every optional field a value. The maxima and the ids are
 * read from the schemas themselves (their JSON Schema, `z.toJSONSchema`), so a changed maximum
 * changes these inputs too; only the cross-field rules (unique emails and ids, strategies of an
 * objective, weights that sum to 100) are written out here.
 */
import type { z } from 'zod';
import {
  type ApprovalSettings,
  type ContractAmendment,
  type ContractReview,
  type CreateProject,
  type DecisionInput,
  type Person,
  type TeamMember,
  INPUT_MAX_BYTES,
  approvalSettings,
  contractAmendment,
  contractReview,
  createProject,
  decisionInput,
  deliverableSchemas,
  person,
  startEndOfUse,
  teamMember,
  timeZone,
} from '../../domain/schemas';
import { enumOf, fitWithin, jsonSchemaOf, maxItemsOf, maxLengthOf, nodeAt } from './schema-limits';

// ---------------------------------------------------------------------------------------------
// Building blocks

/**
 * One UTF-16 code unit (what zod's `max` counts) that takes two bytes in UTF-8, as the accented
 * letters of Dutch and French do. No control character, no white space, so trimming leaves a text
 * as long as it was. (A character such as "€" takes three bytes: texts of those weigh 1.5 times
 * as much.)
 */
export const WIDE_CHARACTER = 'é';

/** A text of exactly `length` code units: `tag` (plain ASCII, to tell texts apart), then wide characters. */
export function wideText(length: number, tag = ''): string {
  if (tag.length > length) throw new Error(`the tag "${tag}" is longer than ${length}`);
  return tag + WIDE_CHARACTER.repeat(length - tag.length);
}

/**
 * The longest address the mail path takes: smtp-server refuses a mailbox over 253 characters
 * (RFC 5321 §4.5.3.1.3, a path of at most 256 octets with its brackets) with "501 Bad recipient
 * address syntax", one less than the schema's maximum of 254.
 */
export const SMTP_MAILBOX_MAX = 253;

/**
 * An address of `length` characters (the schema's maximum, within what a mail server takes),
 * lowercase as the schema stores it: a local part of 64 characters and domain labels of at most
 * 63 (RFC 5321), so the rest of the length goes to the domain.
 */
export function maximalEmail(
  tag: string,
  length = Math.min(maxLengthOf(person, 'email'), SMTP_MAILBOX_MAX),
): string {
  const local = `${tag}.`.padEnd(64, 'x').toLowerCase();
  const suffix = 'gent.example';
  const rest = length - local.length - 1 - suffix.length;
  const count = Math.ceil(rest / 64);
  const letters = rest - count;
  const labels = Array.from({ length: count }, (_, i) =>
    'd'.repeat(Math.floor(letters / count) + (i < letters % count ? 1 : 0)),
  );
  return `${local}@${[...labels, suffix].join('.')}`;
}

/** The longest IANA zone name the schema accepts (they are far shorter than its maximum). */
export function longestTimeZone(): string {
  const max = maxLengthOf(person, 'timeZone');
  const zones = Intl.supportedValuesOf('timeZone')
    .filter((zone) => zone.length <= max && timeZone.safeParse(zone).success)
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  const longest = zones[0];
  if (!longest) throw new Error('no time zone passes the schema');
  return longest;
}

/** `count` values taken in turn from `values`, longest first (lists that allow repeats). */
export function cycle<T extends string>(values: readonly T[], count: number): T[] {
  const longestFirst = [...values].sort((a, b) => b.length - a.length);
  return Array.from({ length: count }, (_, i) => longestFirst[i % longestFirst.length] as T);
}

export function longest<T extends string>(values: readonly T[]): T {
  return cycle(values, 1)[0] as T;
}

/** The `index`-th value of `cycle(values, …)`. */
export function nth<T extends string>(values: readonly T[], index: number): T {
  return cycle(values, index + 1)[index] as T;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function maximalPerson(tag: string, label = 'Person'): Person {
  return {
    name: wideText(maxLengthOf(person, 'name'), `${label} ${tag} `),
    email: maximalEmail(tag),
    locale: longest(enumOf(person, 'locale')) as Person['locale'] & string,
    timeZone: longestTimeZone(),
  };
}

export function maximalTeamMember(tag: string, label = 'Approver'): TeamMember {
  const roles = cycle(enumOf(teamMember, 'roles[]'), maxItemsOf(teamMember, 'roles'));
  return { ...maximalPerson(tag, label), roles };
}

/** As many distinct people as a list of approvers holds, each with every role. */
export function maximalTeam(): TeamMember[] {
  const count = maxItemsOf(createProject, 'approvers');
  return Array.from({ length: count }, (_, i) => maximalTeamMember(`approver-${pad(i + 1)}`));
}

// ---------------------------------------------------------------------------------------------
// Creating a project, and its approval settings

/**
 * Every gate with its own approvers (the team), a quorum of all of them, the longest deadline and
 * reminders, and an escalation contact.
 */
export function maximalApprovalSettings(approvers: Person[]): ApprovalSettings {
  const s = approvalSettings;
  const quorum = Math.min(nodeAt(jsonSchemaOf(s), 'policy.quorum').maximum ?? 1, approvers.length);
  const policy = { rule: 'quorum' as const, quorum, sequential: false };
  const deadline = {
    afterHours: nodeAt(jsonSchemaOf(s), 'deadline.afterHours').maximum ?? 1,
    outcome: longest(enumOf(s, 'deadline.outcome')) as 'escalate' | 'reject',
  };
  const gateApprovers = approvers
    .slice(0, maxItemsOf(s, 'gates.*.approvers'))
    .map(({ name, email, locale, timeZone: zone }) => ({ name, email, locale, timeZone: zone }));
  const gates = (nodeAt(jsonSchemaOf(s), 'gates').propertyNames?.enum ?? []).map(String);
  return {
    policy,
    reminders: {
      everyHours: nodeAt(jsonSchemaOf(s), 'reminders.everyHours').maximum ?? 72,
      escalateAfter: nodeAt(jsonSchemaOf(s), 'reminders.escalateAfter').maximum ?? 2,
    },
    escalationContact: maximalPerson('escalation', 'Escalation contact'),
    deadline,
    gates: Object.fromEntries(gates.map((gate) => [gate, { approvers: gateApprovers, policy, deadline }])),
  };
}

/**
 * Fitting took approvers off the gates' lists: a quorum of every approver left (a quorum larger
 * than the approvers is refused when the round opens, a rule the schema cannot see).
 */
function withQuorumOfAll(settings: ApprovalSettings): ApprovalSettings {
  const quorumOf = (count: number) => ({ rule: 'quorum' as const, quorum: count, sequential: false });
  const gates = Object.entries(settings.gates).map(([gate, override]) => [
    gate,
    { ...override, policy: quorumOf(override?.approvers?.length ?? 1) },
  ]);
  const fewest = Math.min(
    ...gates.map(([, override]) => (override as { policy: { quorum: number } }).policy.quorum),
  );
  return { ...settings, policy: quorumOf(fewest), gates: Object.fromEntries(gates) };
}

/** A slug of exactly the schema's maximum length that starts with `prefix` (itself a slug). */
export function maximalSlug(prefix: string, max: number): string {
  if (prefix.length + 2 > max) return prefix.slice(0, max);
  return `${prefix}-${'x'.repeat(max - prefix.length - 1)}`;
}

export function maximalProject(id: string, productGroup: string, team: TeamMember[]): CreateProject {
  const s = createProject;
  const fitted = <T>(schema: z.ZodType, value: T, maxBytes: number) =>
    fitWithin(schema, value, maxBytes, WIDE_CHARACTER);
  const approvals = withQuorumOfAll(
    fitted(approvalSettings, maximalApprovalSettings(team), INPUT_MAX_BYTES.approvalSettings),
  );
  return fitted(
    s,
    {
      id: maximalSlug(id, maxLengthOf(s, 'id')),
      title: wideText(maxLengthOf(s, 'title'), 'Maximal project '),
      organisation: wideText(maxLengthOf(s, 'organisation'), 'Organisation '),
      productGroup: maximalSlug(productGroup, maxLengthOf(s, 'productGroup')),
      description: wideText(maxLengthOf(s, 'description'), 'Description '),
      requester: maximalPerson('requester', 'Requester'),
      approvers: team.slice(0, maxItemsOf(s, 'approvers')),
      approvals,
    },
    INPUT_MAX_BYTES.createProject,
  );
}

// ---------------------------------------------------------------------------------------------
// The contract's follow-up, and decisions

/** A review of one moment: every KPI once (the schema refuses repeats), every text in full. */
export function maximalReview(momentId: string): ContractReview {
  return fitWithin(
    contractReview,
    reviewOfEveryField(momentId),
    INPUT_MAX_BYTES.contractReview,
    WIDE_CHARACTER,
  );
}

function reviewOfEveryField(momentId: string): ContractReview {
  const s = contractReview;
  // Every text of the review but the moment's id, which names an existing moment.
  const texts = Object.entries(jsonSchemaOf(s).properties ?? {})
    .filter(([field, node]) => node.type === 'string' && field !== 'momentId')
    .map(([field]) => field);
  return {
    ...(Object.fromEntries(
      texts.map((field) => [field, wideText(maxLengthOf(s, field), `${field} `)]),
    ) as Pick<ContractReview, 'performance'>),
    momentId,
    kpis: enumOf(s, 'kpis[].kpiId')
      .slice(0, maxItemsOf(s, 'kpis'))
      .map((kpiId) => ({
        kpiId,
        value: -123456789.123456,
        potential: -123456789.123456,
        comment: wideText(maxLengthOf(s, 'kpis[].comment'), `KPI ${kpiId} `),
      })),
    circularity: {
      realised: wideText(maxLengthOf(s, 'circularity.realised'), 'Realised '),
      potential: wideText(maxLengthOf(s, 'circularity.potential'), 'Potential '),
    },
    internalUse: {
      correct: longest(enumOf(s, 'internalUse.correct')) as 'partly',
      findings: wideText(maxLengthOf(s, 'internalUse.findings'), 'Findings '),
    },
    supplier: {
      attended: true,
      attendees: wideText(maxLengthOf(s, 'supplier.attendees'), 'Attendees '),
      ownReport: wideText(maxLengthOf(s, 'supplier.ownReport'), 'Own report '),
    },
    growthCommitments: Array.from({ length: maxItemsOf(s, 'growthCommitments') }, (_, i) => ({
      id: wideText(maxLengthOf(s, 'growthCommitments[].id'), `growth-${i + 1} `),
      description: wideText(maxLengthOf(s, 'growthCommitments[].description'), `Growth ${i + 1} `),
      askedBy: nth(enumOf(s, 'growthCommitments[].askedBy'), i) as 'supplier',
      status: longest(enumOf(s, 'growthCommitments[].status')) as 'in-progress',
      note: wideText(maxLengthOf(s, 'growthCommitments[].note'), `Note ${i + 1} `),
    })),
  };
}

/** An amendment that changes all it can: the end date, every cadence field and the contract manager. */
export function maximalAmendment(
  contractEnd: string,
  cadence: NonNullable<ContractAmendment['cadence']>,
  manager: Person,
): ContractAmendment {
  const amendment = {
    contractEnd,
    cadence,
    contractManager: manager,
    reason: wideText(maxLengthOf(contractAmendment, 'reason'), 'Amendment reason '),
  };
  return fitWithin(contractAmendment, amendment, INPUT_MAX_BYTES.contractAmendment, WIDE_CHARACTER);
}

/** Ending the use of a contract early, with the longest reason. */
export function maximalEndOfUseStart(): z.input<typeof startEndOfUse> {
  return { reason: wideText(maxLengthOf(startEndOfUse, 'reason'), 'End of use reason ') };
}

/** An approval with the longest comment. */
export function maximalDecision(): DecisionInput {
  return { decision: 'approve', comment: wideText(maxLengthOf(decisionInput, 'comment'), 'Comment ') };
}

/** Every schema this module builds a maximal input for, by name (for the parse checks). */
export const MAXIMAL_SCHEMAS = {
  createProject,
  approvalSettings,
  ...Object.fromEntries(
    Object.entries(deliverableSchemas).map(([gate, schema]) => [`deliverable ${gate}`, schema]),
  ),
  contractReview,
  contractAmendment,
  startEndOfUse,
  decisionInput,
} as Record<string, z.ZodType>;
