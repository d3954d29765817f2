/**
 * Inputs at their maximum: for each schema a person submits, a valid value in which every text has
 * its maximum length (in two-byte characters), every list its maximum number of items (a fixed
 * number where the schema sets none) and every optional field a value. The maxima and the ids are
 * read from the schemas themselves (their JSON Schema, `z.toJSONSchema`), so a changed maximum
 * changes these inputs too; only the cross-field rules (unique emails and ids, strategies of an
 * objective, weights that sum to 100) are written out here.
 */
import type { z } from 'zod';
import { type GateId, type StepId, strategiesOf } from '../../domain/catalogue';
import { addDays } from '../../domain/follow-up';
import { cpvCheckDigit } from '../../domain/legal-frame/cpv';
import {
  type ApprovalSettings,
  type ContractAmendment,
  type ContractReview,
  type CreateProject,
  type DecisionInput,
  type DeliverableByGate,
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
function cycle<T extends string>(values: readonly T[], count: number): T[] {
  const longestFirst = [...values].sort((a, b) => b.length - a.length);
  return Array.from({ length: count }, (_, i) => longestFirst[i % longestFirst.length] as T);
}

function longest<T extends string>(values: readonly T[]): T {
  return cycle(values, 1)[0] as T;
}

/** The `index`-th value of `cycle(values, …)`. */
function nth<T extends string>(values: readonly T[], index: number): T {
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
// The deliverables of the seven gates

export interface DeliverableContext {
  team: TeamMember[];
  /** The award's contract dates and cadence (numbers and dates do not weigh more at a maximum). */
  contractStart: string;
  contractEnd: string;
  followUpCadence: DeliverableByGate['award']['followUpCadence'];
  /** Earlier than today, for dates of dialogues and baselines. */
  pastDate: string;
}

function need(): DeliverableByGate['circular-need'] {
  const s = deliverableSchemas['circular-need'];
  const kinds = enumOf(
    s,
    'alternatives[].kind',
  ) as DeliverableByGate['circular-need']['alternatives'][number]['kind'][];
  return {
    functionalNeed: wideText(maxLengthOf(s, 'functionalNeed'), 'Functional need '),
    requirements: Array.from({ length: maxItemsOf(s, 'requirements') }, (_, i) =>
      wideText(maxLengthOf(s, 'requirements[]'), `Requirement ${i + 1} `),
    ),
    wishes: Array.from({ length: maxItemsOf(s, 'wishes') }, (_, i) =>
      wideText(maxLengthOf(s, 'wishes[]'), `Wish ${i + 1} `),
    ),
    inventory: Array.from({ length: maxItemsOf(s, 'inventory') }, (_, i) => ({
      what: wideText(maxLengthOf(s, 'inventory[].what'), `What ${i + 1} `),
      where: wideText(maxLengthOf(s, 'inventory[].where'), `Where ${i + 1} `),
      result: longest(enumOf(s, 'inventory[].result')) as 'partly-available',
      notes: wideText(maxLengthOf(s, 'inventory[].notes'), `Notes ${i + 1} `),
    })),
    // One of each kind (the schema asks for every kind, once).
    alternatives: kinds.map((kind) => ({
      kind,
      feasible: false,
      notes: wideText(maxLengthOf(s, 'alternatives[].notes'), `Alternative ${kind} `),
    })),
    sharingPlatformsConsulted: cycle(
      enumOf(s, 'sharingPlatformsConsulted[]'),
      maxItemsOf(s, 'sharingPlatformsConsulted'),
    ),
    // "purchase": the project goes on (no-purchase would end it).
    decision: {
      outcome: 'purchase',
      explanation: wideText(maxLengthOf(s, 'decision.outcome=purchase.explanation'), 'Explanation '),
    },
  };
}

function ambitions(context: DeliverableContext): DeliverableByGate['circular-ambitions'] {
  const s = deliverableSchemas['circular-ambitions'];
  // Each objective once (the schema refuses repeats), so the list holds every objective.
  return {
    objectives: enumOf(s, 'objectives[].objectiveId').map((objectiveId) => ({
      objectiveId,
      strategies: cycle(strategiesOf(objectiveId), maxItemsOf(s, 'objectives[].strategies')),
      indicator: {
        description: wideText(
          maxLengthOf(s, 'objectives[].indicator.description'),
          `Indicator ${objectiveId} `,
        ),
        unit: wideText(maxLengthOf(s, 'objectives[].indicator.unit'), 'Unit '),
      },
      baseline: { value: -123456789.123456, measuredOn: context.pastDate },
      target: 123456789.123456,
    })),
    singleObjectiveReason: wideText(maxLengthOf(s, 'singleObjectiveReason'), 'Single objective reason '),
    internalActors: context.team.slice(0, maxItemsOf(s, 'internalActors')),
    businessCase: wideText(maxLengthOf(s, 'businessCase'), 'Business case '),
  };
}

function marketDialogue(context: DeliverableContext): DeliverableByGate['market-dialogue'] {
  const s = deliverableSchemas['market-dialogue'];
  const at = 'mode=dialogue.dialogues[]';
  return {
    mode: 'dialogue',
    dialogues: Array.from({ length: maxItemsOf(s, 'mode=dialogue.dialogues') }, (_, i) => ({
      form: nth(enumOf(s, `${at}.form`), i),
      date: context.pastDate,
      participants: nodeAt(jsonSchemaOf(s), `${at}.participants`).maximum ?? 0,
      findings: wideText(maxLengthOf(s, `${at}.findings`), `Findings ${i + 1} `),
      supplyChainActors: Array.from({ length: maxItemsOf(s, `${at}.supplyChainActors`) }, (_, a) =>
        wideText(maxLengthOf(s, `${at}.supplyChainActors[]`), `Actor ${a + 1} `),
      ),
    })),
    ambitionAdjustment: wideText(maxLengthOf(s, 'mode=dialogue.ambitionAdjustment'), 'Ambition adjustment '),
    procedureRecommendation: longest(enumOf(s, 'mode=dialogue.procedureRecommendation')),
  };
}

/** A valid CPV code for eight digits. */
const cpv = (digits: number): string => `${digits}-${cpvCheckDigit(String(digits))}`;

function tenderDocuments(context: DeliverableContext): DeliverableByGate['tender-documents'] {
  const s = deliverableSchemas['tender-documents'];
  const criteria = maxItemsOf(s, 'awardCriteria');
  const conditionIds = enumOf(s, 'executionConditions[].conditionId');
  return {
    scope: {
      kind: longest(enumOf(s, 'scope.kind')) as 'product-service',
      costModel: 'tco',
      repairAndMaintenance: wideText(maxLengthOf(s, 'scope.repairAndMaintenance'), 'Repair '),
      residualValue: wideText(maxLengthOf(s, 'scope.residualValue'), 'Residual value '),
      contractTermMonths: nodeAt(jsonSchemaOf(s), 'scope.contractTermMonths').maximum ?? 1,
      extensionOptions: Array.from({ length: maxItemsOf(s, 'scope.extensionOptions') }, () => ({
        months: nodeAt(jsonSchemaOf(s), 'scope.extensionOptions[].months').maximum ?? 1,
      })),
      innovationTrack: {
        included: true,
        description: wideText(maxLengthOf(s, 'scope.innovationTrack.description'), 'Innovation '),
      },
    },
    procedure: longest(enumOf(s, 'procedure')),
    procedureJustification: wideText(maxLengthOf(s, 'procedureJustification'), 'Justification '),
    selectionCriteria: Array.from({ length: maxItemsOf(s, 'selectionCriteria') }, (_, i) => ({
      description: wideText(maxLengthOf(s, 'selectionCriteria[].description'), `Selection ${i + 1} `),
      smeAlternative: nth(enumOf(s, 'selectionCriteria[].smeAlternative'), i),
    })),
    functionalSpecifications: Array.from({ length: maxItemsOf(s, 'functionalSpecifications') }, (_, i) =>
      wideText(maxLengthOf(s, 'functionalSpecifications[]'), `Specification ${i + 1} `),
    ),
    // Not on price alone (a reason is given for that anyway).
    awardBasis: longest(enumOf(s, 'awardBasis').filter((id) => id !== 'price')),
    // Weights that sum to 100, however many criteria there are.
    awardCriteria: Array.from({ length: criteria }, (_, i) => ({
      name: wideText(maxLengthOf(s, 'awardCriteria[].name'), `Criterion ${i + 1} `),
      kind: i === 0 ? 'circularity' : 'quality',
      nature: 'quantitative',
      weight: Math.floor(100 / criteria) + (i < 100 % criteria ? 1 : 0),
    })),
    priceOnlyReason: wideText(maxLengthOf(s, 'priceOnlyReason'), 'Price only reason '),
    executionConditions: Array.from({ length: maxItemsOf(s, 'executionConditions') }, (_, i) => ({
      conditionId: nth(conditionIds, i),
      description: wideText(maxLengthOf(s, 'executionConditions[].description'), `Condition ${i + 1} `),
      growthPath: wideText(maxLengthOf(s, 'executionConditions[].growthPath'), `Growth path ${i + 1} `),
    })),
    principles: {
      transparency: true,
      'non-discrimination': true,
      'link-to-subject-matter': true,
      'equivalent-standards': true,
    },
    legalFrame: {
      buyerType: 'sub-central',
      contractType: 'services',
      // Below the EU threshold, where the longest procedure id (simplified negotiation) is allowed.
      estimatedValue: { baseEur: 100_000.123456, optionsEur: 50_000.123456, extensionsEur: 50_000.123456 },
      cpvCodes: Array.from({ length: maxItemsOf(s, 'legalFrame.cpvCodes') }, (_, i) =>
        cpv(39_100_000 + i * 1_000),
      ),
      keyDates: {
        publication: addDays(context.pastDate, -60),
        offerDeadline: addDays(context.pastDate, -10),
        opening: addDays(context.pastDate, -10),
      },
    },
  };
}

function award(context: DeliverableContext): DeliverableByGate['award'] {
  const s = deliverableSchemas.award;
  return {
    supplier: {
      name: wideText(maxLengthOf(s, 'supplier.name'), 'Supplier '),
      companyNumber: wideText(maxLengthOf(s, 'supplier.companyNumber'), 'BE '),
    },
    bidsReceived: nodeAt(jsonSchemaOf(s), 'bidsReceived').maximum ?? 0,
    contractStart: context.contractStart,
    contractEnd: context.contractEnd,
    expectedLifetimeYears: nodeAt(jsonSchemaOf(s), 'expectedLifetimeYears').maximum ?? 1,
    followUpCadence: context.followUpCadence,
    contractManager: maximalPerson('contract-manager', 'Contract manager'),
    contractIndicatorValues: cycle(
      enumOf(s, 'contractIndicatorValues[].objectiveId'),
      maxItemsOf(s, 'contractIndicatorValues'),
    ).map((objectiveId) => ({ objectiveId, value: -123456789.123456 })),
    // Decided a month ago: the standstill has passed, and the contract starts later still.
    legalFrame: {
      decision: {
        body: longest(enumOf(s, 'legalFrame.decision.body')) as 'delegated-official',
        date: context.pastDate,
        reference: wideText(maxLengthOf(s, 'legalFrame.decision.reference'), 'Reference '),
        notifiedOn: context.pastDate,
      },
      conclusionOn: addDays(context.pastDate, 15),
      startOrderOn: addDays(context.pastDate, 15),
    },
  };
}

function endOfUse(): DeliverableByGate['end-of-use'] {
  const s = deliverableSchemas['end-of-use'];
  const at = 'items[]';
  return {
    endConfirmation: wideText(maxLengthOf(s, 'endConfirmation'), 'End confirmation '),
    items: Array.from({ length: maxItemsOf(s, 'items') }, (_, i) => ({
      itemId: wideText(maxLengthOf(s, `${at}.itemId`), `item-${i + 1} `),
      description: wideText(maxLengthOf(s, `${at}.description`), `Item ${i + 1} `),
      quantity: 123456789,
      condition: longest(enumOf(s, `${at}.condition`)) as 'as-new',
      routeId: nth(enumOf(s, `${at}.routeId`), i),
      lowerRouteReason: wideText(maxLengthOf(s, `${at}.lowerRouteReason`), 'Lower route reason '),
      channelId: nth(enumOf(s, `${at}.channelId`), i),
      residualValueEur: 123456789.123456,
      recipient: wideText(maxLengthOf(s, `${at}.recipient`), 'Recipient '),
      weightKg: 123456789.123456,
      certificateRef: wideText(maxLengthOf(s, `${at}.certificateRef`), 'Certificate '),
    })),
  };
}

function evaluation(): DeliverableByGate['evaluate'] {
  const s = deliverableSchemas.evaluate;
  const notes = (path: string, label: string) =>
    Array.from({ length: maxItemsOf(s, path) }, (_, i) => ({
      step: nth(enumOf(s, `${path}[].step`), i) as StepId,
      text: wideText(maxLengthOf(s, `${path}[].text`), `${label} ${i + 1} `),
    }));
  return {
    indicatorValues: cycle(enumOf(s, 'indicatorValues[].objectiveId'), maxItemsOf(s, 'indicatorValues')).map(
      (objectiveId) => ({
        objectiveId,
        baseline: -123456789.123456,
        contract: -123456789.123456,
        end: -123456789.123456,
      }),
    ),
    targetMet: longest(enumOf(s, 'targetMet')) as 'not-applicable',
    procedureUsed: longest(enumOf(s, 'procedureUsed')),
    marketResponseBids: 123456789,
    tco: { forecastEur: 123456789.123456, actualEur: 123456789.123456 },
    impact: wideText(maxLengthOf(s, 'impact'), 'Impact '),
    successFactors: notes('successFactors', 'Success factor'),
    barriers: notes('barriers', 'Barrier'),
    stakeholderFeedback: wideText(maxLengthOf(s, 'stakeholderFeedback'), 'Feedback '),
    endOfUseOutcomes: wideText(maxLengthOf(s, 'endOfUseOutcomes'), 'Outcomes '),
    lessons: Array.from({ length: maxItemsOf(s, 'lessons') }, (_, i) =>
      wideText(maxLengthOf(s, 'lessons[]'), `Lesson ${i + 1} `),
    ),
    nextTime: wideText(maxLengthOf(s, 'nextTime'), 'Next time '),
    nextAmbitionLevel: wideText(maxLengthOf(s, 'nextAmbitionLevel'), 'Next ambition level '),
    sharedWith: wideText(maxLengthOf(s, 'sharedWith'), 'Shared with '),
  };
}

export function maximalDeliverable<G extends GateId>(
  gate: G,
  context: DeliverableContext,
): DeliverableByGate[G] {
  const build: { [K in GateId]: () => DeliverableByGate[K] } = {
    'circular-need': need,
    'circular-ambitions': () => ambitions(context),
    'market-dialogue': () => marketDialogue(context),
    'tender-documents': () => tenderDocuments(context),
    award: () => award(context),
    'end-of-use': endOfUse,
    evaluate: evaluation,
  };
  return fitWithin(deliverableSchemas[gate], build[gate](), INPUT_MAX_BYTES.deliverable, WIDE_CHARACTER);
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
        comment: wideText(maxLengthOf(s, 'kpis[].comment'), `KPI ${kpiId} `),
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
