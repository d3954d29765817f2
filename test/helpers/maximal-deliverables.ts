/**
 * The deliverables of the seven gates at their maximum (see maximal-inputs.ts for how a maximal
 * input is built): every text at its longest, every list full, then cut to the deliverable's byte
 * limit.
 */
import { type GateId, type StepId, catalogue, strategiesOf } from '../../domain/catalogue';
import { addDays } from '../../domain/follow-up';
import { cpvCheckDigit } from '../../domain/legal-frame/cpv';
import {
  type DeliverableByGate,
  type TeamMember,
  INPUT_MAX_BYTES,
  deliverableSchemas,
} from '../../domain/schemas';
import { WIDE_CHARACTER, cycle, longest, maximalEmail, maximalPerson, nth, wideText } from './maximal-inputs';
import { enumOf, fitWithin, jsonSchemaOf, maxItemsOf, maxLengthOf, nodeAt } from './schema-limits';

export interface DeliverableContext {
  team: TeamMember[];
  /** The award's contract dates and cadence (numbers and dates do not weigh more at a maximum). */
  contractStart: string;
  contractEnd: string;
  followUpCadence: DeliverableByGate['award']['followUpCadence'];
  /** Earlier than today, for dates of dialogues and baselines. */
  pastDate: string;
}

function need(context: DeliverableContext): DeliverableByGate['circular-need'] {
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
      quantity: nodeAt(jsonSchemaOf(s), 'inventory[].quantity').maximum ?? 0,
      condition: longest(enumOf(s, 'inventory[].condition')) as 'needs-repair',
      holder: longest(enumOf(s, 'inventory[].holder')) as 'other-department-or-location',
      notes: wideText(maxLengthOf(s, 'inventory[].notes'), `Notes ${i + 1} `),
    })),
    // One of each kind (the schema asks for every kind, once).
    alternatives: kinds.map((kind) => ({
      kind,
      feasible: false,
      // Reach belongs to sharing and reusing only.
      ...(kind === 'share' || kind === 'reuse' ? { reach: 'both' as const } : {}),
      notes: wideText(maxLengthOf(s, 'alternatives[].notes'), `Alternative ${kind} `),
    })),
    sharingPlatformsConsulted: cycle(
      enumOf(s, 'sharingPlatformsConsulted[]'),
      maxItemsOf(s, 'sharingPlatformsConsulted'),
    ),
    purchaserMandate: {
      givenBy: wideText(maxLengthOf(s, 'purchaserMandate.givenBy'), 'Mandate giver '),
      givenOn: context.pastDate,
      scope: wideText(maxLengthOf(s, 'purchaserMandate.scope'), 'Mandate scope '),
    },
    internalClientDialogue: {
      heldOn: context.pastDate,
      with: Array.from({ length: maxItemsOf(s, 'internalClientDialogue.with') }, (_, i) =>
        wideText(maxLengthOf(s, 'internalClientDialogue.with[]'), `Client ${i + 1} `),
      ),
      initialRequest: wideText(maxLengthOf(s, 'internalClientDialogue.initialRequest'), 'Asked for '),
      surfaced: wideText(maxLengthOf(s, 'internalClientDialogue.surfaced'), 'Surfaced '),
    },
    // "purchase": the project goes on (no-purchase would end it).
    decision: {
      outcome: 'purchase',
      explanation: wideText(maxLengthOf(s, 'decision.outcome=purchase.explanation'), 'Explanation '),
    },
  };
}

function ambitions(context: DeliverableContext): DeliverableByGate['circular-ambitions'] {
  const s = deliverableSchemas['circular-ambitions'];
  const long = (path: string, tag: string) => wideText(maxLengthOf(s, path), tag);
  // Each objective once (the schema refuses repeats), so the list holds every objective.
  return {
    conversation: {
      whyCircular: long('conversation.whyCircular', 'Why circular '),
      otherSustainabilityAmbitions: long('conversation.otherSustainabilityAmbitions', 'Other ambitions '),
      meaningForOrganisation: long('conversation.meaningForOrganisation', 'Meaning '),
      heldOn: context.pastDate,
      participants: Array.from({ length: maxItemsOf(s, 'conversation.participants') }, (_, i) =>
        maximalEmail(`participant${i}`),
      ),
    },
    ambitionLevel: {
      shortTerm: long('ambitionLevel.shortTerm', 'Short term '),
      longTerm: long('ambitionLevel.longTerm', 'Long term '),
    },
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
    tco: {
      used: true,
      estimateEur: 123456789.123456,
      horizonYears: 50,
      expectedResidualValueEur: 123456789.123456,
    },
  };
}

function marketDialogue(context: DeliverableContext): DeliverableByGate['market-dialogue'] {
  const s = deliverableSchemas['market-dialogue'];
  const at = 'mode=dialogue.dialogues[]';
  const supplier = 'mode=dialogue.suppliers[]';
  const adjusted = 'mode=dialogue.objectiveAdjustments[]';
  const collaboration = 'mode=dialogue.collaborations[]';
  return {
    mode: 'dialogue',
    sharedWithMarket: {
      ambitionLevel: true,
      definitions: true,
      how: wideText(maxLengthOf(s, 'mode=dialogue.sharedWithMarket.how'), 'Shared how '),
    },
    suppliers: Array.from({ length: maxItemsOf(s, 'mode=dialogue.suppliers') }, (_, i) => ({
      name: wideText(maxLengthOf(s, `${supplier}.name`), `Supplier ${i + 1} `),
      contact: maximalEmail(`supplier${i}`),
      tookPart: true,
      notes: wideText(maxLengthOf(s, `${supplier}.notes`), `Notes ${i + 1} `),
    })),
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
    // Each objective of the maximal ambitions (all of them) adjusted once, in target and strategies.
    objectiveAdjustments: enumOf(s, `${adjusted}.objectiveId`)
      .slice(0, maxItemsOf(s, 'mode=dialogue.objectiveAdjustments'))
      .map((objectiveId) => ({
        objectiveId,
        target: 987654321.123456,
        strategies: cycle(strategiesOf(objectiveId), maxItemsOf(s, `${adjusted}.strategies`)),
        reason: wideText(maxLengthOf(s, `${adjusted}.reason`), `Adjusted ${objectiveId} `),
      })),
    ambitionLevelAdjustment: {
      shortTerm: wideText(
        maxLengthOf(s, 'mode=dialogue.ambitionLevelAdjustment.shortTerm'),
        'Short term now ',
      ),
      longTerm: wideText(maxLengthOf(s, 'mode=dialogue.ambitionLevelAdjustment.longTerm'), 'Long term now '),
      reason: wideText(maxLengthOf(s, 'mode=dialogue.ambitionLevelAdjustment.reason'), 'Level reason '),
    },
    collaborations: Array.from({ length: maxItemsOf(s, 'mode=dialogue.collaborations') }, (_, i) => ({
      partners: Array.from({ length: maxItemsOf(s, `${collaboration}.partners`) }, (_, p) =>
        wideText(maxLengthOf(s, `${collaboration}.partners[]`), `Partner ${p + 1} `),
      ),
      purpose: wideText(maxLengthOf(s, `${collaboration}.purpose`), `Purpose ${i + 1} `),
      status: longest(enumOf(s, `${collaboration}.status`)) as 'started',
    })),
    planning: {
      startedOn: context.pastDate,
      leadTimeWeeks: nodeAt(jsonSchemaOf(s), 'mode=dialogue.planning.leadTimeWeeks').maximum ?? 1,
      milestones: Array.from({ length: maxItemsOf(s, 'mode=dialogue.planning.milestones') }, (_, i) => ({
        what: wideText(maxLengthOf(s, 'mode=dialogue.planning.milestones[].what'), `Milestone ${i + 1} `),
        plannedOn: context.pastDate,
        reachedOn: context.pastDate,
      })),
    },
    procedureRecommendation: longest(enumOf(s, 'mode=dialogue.procedureRecommendation')),
  };
}

/** A valid CPV code for eight digits. */
const cpv = (digits: number): string => `${digits}-${cpvCheckDigit(String(digits))}`;

function tenderDocuments(context: DeliverableContext): DeliverableByGate['tender-documents'] {
  const s = deliverableSchemas['tender-documents'];
  const criteria = maxItemsOf(s, 'awardCriteria');
  const conditionIds = enumOf(s, 'executionConditions[].conditionId');
  // Retired alternatives still parse (older tenders) but are refused in new ones.
  const smeAlternatives = enumOf(s, 'selectionCriteria[].smeAlternative').filter(
    (id) => !catalogue.sme_selection_alternatives.find((alternative) => alternative.id === id)?.retired,
  );
  // As many objectives as a criterion may serve, of those step 2 chose (others are refused).
  const serves = maximalDeliverable('circular-ambitions', context)
    .objectives.map((objective) => objective.objectiveId)
    .slice(0, maxItemsOf(s, 'awardCriteria[].serves'));
  return {
    scope: {
      kind: longest(enumOf(s, 'scope.kind')) as 'product-service',
      costModel: 'tco',
      costEstimateEur: 123_456_789.123456,
      repairAndMaintenance: wideText(maxLengthOf(s, 'scope.repairAndMaintenance'), 'Repair '),
      residualValue: wideText(maxLengthOf(s, 'scope.residualValue'), 'Residual value '),
      contractTermMonths: nodeAt(jsonSchemaOf(s), 'scope.contractTermMonths').maximum ?? 1,
      extensionOptions: Array.from({ length: maxItemsOf(s, 'scope.extensionOptions') }, () => ({
        months: nodeAt(jsonSchemaOf(s), 'scope.extensionOptions[].months').maximum ?? 1,
      })),
      functionalLifetimeYears: nodeAt(jsonSchemaOf(s), 'scope.functionalLifetimeYears').maximum ?? 1,
      payback: { askedOfMarket: true, realisticYears: 12.345678 },
      // The longest term is above the standard: its reason is required anyway.
      longerTermReason: wideText(maxLengthOf(s, 'scope.longerTermReason'), 'Longer term '),
      lots: {
        divided: true,
        count: nodeAt(jsonSchemaOf(s), 'scope.lots.count').maximum ?? 2,
        reason: wideText(maxLengthOf(s, 'scope.lots.reason'), 'Lots '),
      },
      innovationTrack: {
        included: true,
        description: wideText(maxLengthOf(s, 'scope.innovationTrack.description'), 'Innovation '),
      },
    },
    procedure: longest(enumOf(s, 'procedure')),
    procedureJustification: wideText(maxLengthOf(s, 'procedureJustification'), 'Justification '),
    selectionCriteria: Array.from({ length: maxItemsOf(s, 'selectionCriteria') }, (_, i) => ({
      description: wideText(maxLengthOf(s, 'selectionCriteria[].description'), `Selection ${i + 1} `),
      smeAlternative: nth(smeAlternatives, i),
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
      serves,
      growthPath: wideText(maxLengthOf(s, 'awardCriteria[].growthPath'), `Growth path ${i + 1} `),
      guidance: {
        scoringMethod: wideText(
          maxLengthOf(s, 'awardCriteria[].guidance.scoringMethod'),
          `Scoring ${i + 1} `,
        ),
        subCriteria: Array.from({ length: maxItemsOf(s, 'awardCriteria[].guidance.subCriteria') }, (_, j) =>
          wideText(maxLengthOf(s, 'awardCriteria[].guidance.subCriteria[]'), `Sub-criterion ${j + 1} `),
        ),
      },
    })),
    priceOnlyReason: wideText(maxLengthOf(s, 'priceOnlyReason'), 'Price only reason '),
    executionConditions: Array.from({ length: maxItemsOf(s, 'executionConditions') }, (_, i) => ({
      conditionId: nth(conditionIds, i),
      description: wideText(maxLengthOf(s, 'executionConditions[].description'), `Condition ${i + 1} `),
      growthPath: wideText(maxLengthOf(s, 'executionConditions[].growthPath'), `Growth path ${i + 1} `),
      serves,
      feasibleBecause: wideText(
        maxLengthOf(s, 'executionConditions[].feasibleBecause'),
        `Feasible ${i + 1} `,
      ),
    })),
    variants: {
      allowed: true,
      minimumRequirements: wideText(maxLengthOf(s, 'variants.minimumRequirements'), 'Minimum requirements '),
    },
    ambitionsInTender: {
      included: true,
      where: wideText(maxLengthOf(s, 'ambitionsInTender.where'), 'Ambitions in the tender '),
    },
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
      qualityParameters: Array.from({ length: maxItemsOf(s, `${at}.qualityParameters`) }, (_, j) => ({
        parameter: wideText(maxLengthOf(s, `${at}.qualityParameters[].parameter`), `Parameter ${j + 1} `),
        measured: wideText(maxLengthOf(s, `${at}.qualityParameters[].measured`), 'Measured '),
        threshold: wideText(maxLengthOf(s, `${at}.qualityParameters[].threshold`), 'Threshold '),
        sufficient: false,
      })),
      chain: Array.from({ length: maxItemsOf(s, `${at}.chain`) }, (_, j) => ({
        recipient: wideText(maxLengthOf(s, `${at}.chain[].recipient`), `Next recipient ${j + 1} `),
        treatment: wideText(maxLengthOf(s, `${at}.chain[].treatment`), 'Treatment '),
        certificateRef: wideText(maxLengthOf(s, `${at}.chain[].certificateRef`), 'Certificate '),
      })),
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
    evaluatedWith: Array.from({ length: maxItemsOf(s, 'evaluatedWith') }, (_, i) =>
      maximalEmail(`evaluator${i}`),
    ),
    // The list may be cut to fit the byte limit: the reason covers any actor left out.
    absentActorsReason: wideText(maxLengthOf(s, 'absentActorsReason'), 'Absent actors '),
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
    'circular-need': () => need(context),
    'circular-ambitions': () => ambitions(context),
    'market-dialogue': () => marketDialogue(context),
    'tender-documents': () => tenderDocuments(context),
    award: () => award(context),
    'end-of-use': endOfUse,
    evaluate: evaluation,
  };
  return fitWithin(deliverableSchemas[gate], build[gate](), INPUT_MAX_BYTES.deliverable, WIDE_CHARACTER);
}
