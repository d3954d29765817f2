/**
 * A realistic sample: a municipality buying office furniture circularly. The demo, the tests and
 * the benchmarks start from it, so all of them exercise the same valid inputs.
 */
import { addDays } from '../domain/follow-up';
import {
  type AwardLegalFrame,
  type CreateProject,
  DEFAULT_FOLLOW_UP_CADENCE,
  type DeliverableByGate,
  type Person,
} from '../domain/schemas';

export const samplePeople = {
  requester: {
    name: 'Ans Peeters',
    email: 'ans.peeters@gent.example',
    locale: 'nl',
    timeZone: 'Europe/Brussels',
  },
  internalClient: {
    name: 'Bram De Smet',
    email: 'bram.desmet@gent.example',
    locale: 'nl',
    timeZone: 'Europe/Brussels',
  },
  purchaser: {
    name: 'Chloé Martin',
    email: 'chloe.martin@gent.example',
    locale: 'en',
    timeZone: 'Europe/Brussels',
  },
  manager: {
    name: 'Dirk Janssens',
    email: 'dirk.janssens@gent.example',
    locale: 'nl',
    timeZone: 'Europe/Brussels',
  },
  csr: { name: 'Eva Claes', email: 'eva.claes@gent.example', locale: 'en', timeZone: 'Europe/Brussels' },
  legal: {
    name: 'Femke Wouters',
    email: 'femke.wouters@gent.example',
    locale: 'nl',
    timeZone: 'Europe/Brussels',
  },
  finance: {
    name: 'Geert Maes',
    email: 'geert.maes@gent.example',
    locale: 'nl',
    timeZone: 'Europe/Brussels',
  },
  logistics: {
    name: 'Hanne Willems',
    email: 'hanne.willems@gent.example',
    locale: 'en',
    timeZone: 'Europe/Brussels',
  },
  contractManager: {
    name: 'Ilse Goossens',
    email: 'ilse.goossens@gent.example',
    locale: 'nl',
    timeZone: 'Europe/Brussels',
  },
} satisfies Record<string, Person>;

export function sampleProject(id: string, overrides: Partial<CreateProject> = {}): CreateProject {
  const p = samplePeople;
  return {
    id,
    title: 'Kantoormeubilair stadskantoor',
    organisation: 'Stad Gent',
    productGroup: 'office-furniture',
    description: 'Seating and desks for 400 workplaces in the new city office.',
    requester: p.requester,
    approvers: [
      { ...p.internalClient, roles: ['internal-client'] },
      { ...p.purchaser, roles: ['purchasing-team'] },
      { ...p.manager, roles: ['management'] },
      { ...p.csr, roles: ['csr-manager'] },
      { ...p.legal, roles: ['legal'] },
      { ...p.finance, roles: ['finance'] },
      { ...p.logistics, roles: ['logistics'] },
    ],
    ...overrides,
  };
}

export const sampleNeed: DeliverableByGate['circular-need'] = {
  functionalNeed:
    'Ergonomic seating comfort and a work surface for 400 hybrid workplaces, not "chair model X".',
  requirements: ['EN 1335 ergonomic office chairs', 'height-adjustable work surfaces'],
  wishes: ['uniform look across floors'],
  inventory: [
    {
      what: 'office chairs',
      where: 'old city office and depot',
      result: 'partly-available',
      quantity: 250,
      condition: 'needs-repair',
      holder: 'own-service',
      notes: '120 in good condition after new upholstery; 130 beyond repair',
    },
    {
      what: 'desks',
      where: 'depot and partner OCMW',
      result: 'available',
      quantity: 80,
      condition: 'usable',
      holder: 'other-organisation',
    },
  ],
  alternatives: [
    {
      kind: 'share',
      feasible: false,
      reach: 'both',
      notes: 'Workplaces are used daily; no other department or partner has chairs to spare.',
    },
    {
      kind: 'reuse',
      feasible: true,
      reach: 'both',
      notes: '120 chairs of our own and 80 desks of the partner OCMW can be reused after inspection.',
    },
    { kind: 'refurbish', feasible: true, notes: 'Chairs can get new upholstery and mechanisms.' },
    { kind: 'upgrade', feasible: false, notes: 'Old desks are not height-adjustable.' },
  ],
  sharingPlatformsConsulted: ['werflink'],
  purchaserMandate: {
    givenBy: 'Dirk Janssens, algemeen directeur',
    givenOn: '2026-03-02',
    scope:
      'Question the request for new chairs and desks, and propose reuse, refurbishing or a service instead.',
  },
  internalClientDialogue: {
    heldOn: '2026-03-10',
    with: ['Bram De Smet (facility management)', 'two team leads of the city office'],
    initialRequest: '400 new office chairs of the model used in the administrative centre',
    surfaced:
      'The need is ergonomic seating comfort and a work surface for 400 hybrid workplaces, not a chair model; fewer than 400 seats are in use at once.',
  },
  decision: {
    outcome: 'purchase',
    explanation: 'Remaining need: 280 seats and 320 work surfaces, as a service.',
  },
};

export const sampleNoPurchaseNeed: DeliverableByGate['circular-need'] = {
  ...sampleNeed,
  decision: {
    outcome: 'no-purchase',
    alternative: 'reuse',
    explanation: 'Reusing the chairs and desks in the depot covers the whole need.',
  },
};

/** Refurbishing the existing chairs is the purchase: a service, with the inventory in the tender. */
export const sampleRefurbishNeed: DeliverableByGate['circular-need'] = {
  ...sampleNeed,
  decision: {
    outcome: 'purchase',
    route: 'refurbish',
    explanation: 'New upholstery and mechanisms for the 120 chairs in stock, as a service.',
  },
};

export const sampleAmbitions: DeliverableByGate['circular-ambitions'] = {
  conversation: {
    whyCircular:
      'Office furniture is our largest material stream; keeping it in use longer saves money and raw materials.',
    otherSustainabilityAmbitions:
      'Supports the climate plan (less embodied carbon) and the social economy target of the city.',
    meaningForOrganisation:
      'Facility management pays per use and maintains instead of replacing; purchasing follows the contract for 8 years.',
    heldOn: '2026-04-20',
    participants: [samplePeople.manager.email, samplePeople.csr.email, samplePeople.purchaser.email],
  },
  ambitionLevel: {
    shortTerm: 'Every chair repaired or refurbished before anything new is bought.',
    longTerm: 'Office furniture as a service with take-back for all city buildings by 2032.',
  },
  objectives: [
    {
      objectiveId: 'extend-lifetime',
      strategies: ['maintenance-repair-in-contract', 'modular-upgradeable'],
      indicator: { description: 'average service life of a chair', unit: 'years' },
      baseline: { value: 7, measuredOn: '2026-04-01' },
      target: 15,
    },
    {
      objectiveId: 'enable-reuse',
      strategies: ['take-back-for-reuse', 'buy-back-residual-value'],
      indicator: { description: 'share of items reused after first use', unit: '%' },
      baseline: { value: 5 },
      target: 80,
    },
  ],
  internalActors: [
    { ...samplePeople.manager, roles: ['management'] },
    { ...samplePeople.csr, roles: ['csr-manager'] },
    { ...samplePeople.purchaser, roles: ['purchasing-team'] },
    { ...samplePeople.internalClient, roles: ['internal-client'] },
    { ...samplePeople.legal, roles: ['legal'] },
    { ...samplePeople.finance, roles: ['finance'] },
    { ...samplePeople.logistics, roles: ['logistics'] },
  ],
  businessCase: 'TCO over 15 years is 18% lower with furniture-as-a-service and buy-back.',
  tco: { used: true, estimateEur: 820_000, horizonYears: 15, expectedResidualValueEur: 24_000 },
};

export const sampleMarketDialogue: DeliverableByGate['market-dialogue'] = {
  mode: 'dialogue',
  sharedWithMarket: {
    ambitionLevel: true,
    definitions: true,
    how: 'The ambition level and our definition of refurbished were in the RFI and presented at the one-on-ones.',
  },
  suppliers: [
    { name: 'Zitwerk NV', contact: 'sales@zitwerk.example', tookPart: true },
    { name: 'Kringloop Meubel vzw', tookPart: true, notes: 'social economy refurbisher' },
    { name: 'Bureaux Durables SA', tookPart: false, notes: 'no answer to the RFI' },
  ],
  dialogues: [
    {
      form: 'rfi',
      date: '2026-05-15',
      participants: 9,
      findings: 'Five suppliers offer furniture as a service with take-back; two offer refurbished lines.',
      supplyChainActors: ['social economy refurbisher', 'upholstery workshop'],
    },
    {
      form: 'one-on-one',
      date: '2026-05-29',
      participants: 4,
      findings: 'Buy-back at a fixed residual value is feasible after 7 years.',
      supplyChainActors: [],
    },
  ],
  objectiveAdjustments: [
    {
      objectiveId: 'extend-lifetime',
      target: 12,
      reason: 'Suppliers guarantee 12 years of use with repair; 15 years is not offered yet.',
    },
  ],
  collaborations: [
    {
      partners: ['Kringloop Meubel vzw', 'Zitwerk NV'],
      purpose:
        'Refurbishing taken-back chairs in a social economy workshop for reuse in other city buildings.',
      status: 'agreed',
    },
  ],
  planning: {
    startedOn: '2026-05-04',
    leadTimeWeeks: 6,
    milestones: [
      { what: 'RFI published', plannedOn: '2026-05-04', reachedOn: '2026-05-04' },
      { what: 'RFI closed', plannedOn: '2026-05-15', reachedOn: '2026-05-15' },
      { what: 'One-on-ones held', plannedOn: '2026-05-22', reachedOn: '2026-05-29' },
      { what: 'Findings report to the project team', plannedOn: '2026-06-12', reachedOn: '2026-06-12' },
    ],
  },
  procedureRecommendation: 'competitive-negotiation',
};

export const sampleSkippedDialogue: DeliverableByGate['market-dialogue'] = {
  mode: 'skipped',
  reason:
    'A framework agreement with circular clauses was tendered last year; the market was consulted then.',
};

export const sampleTenderDocuments: DeliverableByGate['tender-documents'] = {
  scope: {
    kind: 'product-service',
    costModel: 'tco',
    costEstimateEur: 820_000,
    repairAndMaintenance: 'Repair within 5 working days; preventive maintenance yearly.',
    residualValue: 'Supplier buys back at 20% after 7 years.',
    contractTermMonths: 96,
    extensionOptions: [{ months: 24 }],
    functionalLifetimeYears: 15,
    payback: { askedOfMarket: true, realisticYears: 7 },
    longerTermReason:
      'The chairs last 15 years and the suppliers put the payback of refurbishing and take-back at 7 years (one-on-ones): a shorter term would price the investment into every chair.',
    lots: {
      divided: false,
      reason:
        'One supplier keeps, repairs and takes back the same chairs: separate lots for supply and maintenance would break the take-back chain. SMEs can bid together or rely on a partner.',
    },
    innovationTrack: { included: true, description: 'Pilot with bio-based upholstery.' },
  },
  procedure: 'competitive-negotiation',
  procedureJustification:
    'Above the EU threshold (€216,000 for a municipality): art. 38 §1, 1°, a) and b) of the law of 17 June 2016, since no furniture-as-a-service on the market meets the need without adaptation (market dialogue) and the pilot with bio-based upholstery is an innovative solution.',
  selectionCriteria: [
    {
      description: 'References of furniture supply with maintenance, or of refurbishing office furniture',
      smeAlternative: 'flexible-references',
    },
    {
      description:
        'The environmental-management measures applied when refurbishing and transporting the chairs',
      smeAlternative: 'environmental-management',
    },
  ],
  functionalSpecifications: [
    'Seating comfort for 8 hours of work',
    'Height range 65-125 cm for work surfaces',
  ],
  awardBasis: 'best-price-quality',
  variants: { allowed: false },
  awardCriteria: [
    {
      name: 'Total cost of ownership',
      kind: 'cost',
      nature: 'quantitative',
      weight: 40,
      serves: ['extend-lifetime'],
      guidance: {
        scoringMethod:
          'Lowest TCO over 15 years (price, maintenance, repair, minus buy-back) scores 40; others pro rata.',
        subCriteria: [],
      },
    },
    {
      name: 'Circularity plan',
      kind: 'circularity',
      nature: 'qualitative',
      weight: 35,
      serves: ['enable-reuse', 'extend-lifetime'],
      growthPath: 'The share of refurbished parts in repairs rises to half by year 3.',
      guidance: {
        scoringMethod: 'Three assessors score each sub-criterion 0–10 with a written reason, then agree.',
        subCriteria: ['Take-back and reuse route', 'Repairability and spare parts', 'Growth path'],
      },
    },
    {
      name: 'Service quality',
      kind: 'quality',
      nature: 'qualitative',
      weight: 25,
      serves: ['extend-lifetime'],
      guidance: {
        scoringMethod: 'Scored 0–10 on the repair and maintenance plan.',
        subCriteria: ['Repair time', 'Preventive maintenance'],
      },
    },
  ],
  executionConditions: [
    {
      conditionId: 'take-back',
      feasibleBecause: 'Five suppliers in the RFI take back their furniture today.',
    },
    {
      conditionId: 'spare-parts-years',
      description: 'Spare parts available for 10 years',
      feasibleBecause: 'Both one-on-ones confirmed 10 years of spare parts.',
    },
    { conditionId: 'packaging-take-back', growthPath: 'Reusable packaging from year 2' },
    {
      conditionId: 'termination-clauses',
      description:
        'The city may end the contract after year 4 when repairs miss the 5-day term more than twice a year.',
      feasibleBecause: 'Accepted by the suppliers in the one-on-ones as the price of the longer term.',
    },
  ],
  ambitionsInTender: {
    included: true,
    where:
      'Chapter 1 of the tender documents: the ambition level and the two objectives with their indicators.',
  },
  principles: {
    transparency: true,
    'non-discrimination': true,
    'link-to-subject-matter': true,
    'equivalent-standards': true,
  },
  // A lease of furniture with its maintenance is a supply contract; the 24-month extension counts
  // in the value (€640,000 for 8 years, €180,000 for the extension: the TCO forecast of €820,000).
  legalFrame: {
    buyerType: 'sub-central',
    contractType: 'supplies',
    estimatedValue: { baseEur: 640_000, optionsEur: 0, extensionsEur: 180_000 },
    cpvCodes: ['39130000-2', '39112000-0', '39121100-7', '50850000-8'],
    keyDates: { publication: '2026-07-06', offerDeadline: '2026-08-31', opening: '2026-08-31' },
  },
};

/**
 * The college's award decision of `decidedOn`, notified the same day: the contract is concluded
 * when the 15-day standstill has passed and starts with the start order.
 */
export function sampleAwardLegalFrame(decidedOn: string): AwardLegalFrame {
  return {
    decision: { body: 'college', date: decidedOn, reference: 'CBS 2026/1187', notifiedOn: decidedOn },
    conclusionOn: addDays(decidedOn, 15),
    startOrderOn: addDays(decidedOn, 16),
  };
}

export function sampleAward(
  start: string,
  end: string,
  overrides: Partial<DeliverableByGate['award']> = {},
): DeliverableByGate['award'] {
  return {
    supplier: { name: 'Circulair Meubel NV', companyNumber: 'BE0123456789' },
    bidsReceived: 4,
    contractStart: start,
    contractEnd: end,
    expectedLifetimeYears: 15,
    followUpCadence: { ...DEFAULT_FOLLOW_UP_CADENCE },
    contractManager: samplePeople.contractManager,
    contractIndicatorValues: [
      { objectiveId: 'extend-lifetime', value: 15 },
      { objectiveId: 'enable-reuse', value: 80 },
    ],
    // Decided 45 days before the start: the standstill has passed 30 days before it.
    legalFrame: sampleAwardLegalFrame(addDays(start, -45)),
    ...overrides,
  };
}

export const sampleEndOfUse: DeliverableByGate['end-of-use'] = {
  endConfirmation:
    'Chairs are worn after 8 years of daily use; inspection confirms the end of the first life.',
  items: [
    {
      itemId: 'lot-chairs-a',
      description: 'Office chairs, good condition',
      quantity: 180,
      condition: 'good',
      routeId: 'reuse-external',
      lowerRouteReason: 'No internal need left for these chairs after the move.',
      channelId: 'buy-back',
      residualValueEur: 9000,
      recipient: 'Circulair Meubel NV (resale to schools)',
      qualityParameters: [
        { parameter: 'Seat foam compression', measured: '12%', threshold: 'at most 20%', sufficient: true },
        { parameter: 'Gas lift holds height', measured: 'yes, 180 of 180', sufficient: true },
      ],
      chain: [{ recipient: 'Schools of the city of Ghent', treatment: 'Reuse in classrooms' }],
    },
    {
      itemId: 'lot-chairs-b',
      description: 'Office chairs, broken mechanisms',
      quantity: 100,
      condition: 'broken',
      routeId: 'parts-harvesting',
      lowerRouteReason: 'Mechanisms no longer produced; frames and fabrics are harvested.',
      channelId: 'take-back',
      recipient: 'De Kringwinkel workshop',
      certificateRef: 'KW-2034-117',
      contractConditionId: 'take-back',
      qualityParameters: [
        {
          parameter: 'Tilt mechanism works',
          measured: 'no, broken on 100',
          threshold: 'works',
          sufficient: false,
        },
      ],
      chain: [
        {
          recipient: 'Galloo Gent',
          treatment: 'Steel frames shredded and smelted',
          certificateRef: 'GAL-2034-88',
        },
      ],
    },
  ],
};

export const sampleEvaluation: DeliverableByGate['evaluate'] = {
  indicatorValues: [
    { objectiveId: 'extend-lifetime', baseline: 7, contract: 15, end: 12 },
    { objectiveId: 'enable-reuse', baseline: 5, contract: 40, end: 65 },
  ],
  targetMet: 'partial',
  procedureUsed: 'competitive-negotiation',
  marketResponseBids: 4,
  tco: { forecastEur: 820000, actualEur: 790000 },
  successFactors: [{ step: 'market-dialogue', text: 'One-on-one meetings surfaced the buy-back model.' }],
  barriers: [{ step: 'use-and-execution', text: 'KPI reports came late in year 1.' }],
  lessons: [
    'Ask for buy-back prices per condition grade in the tender.',
    'Plan the kick-off before delivery, not after.',
  ],
  evaluatedWith: sampleAmbitions.internalActors.map((actor) => actor.email),
  stakeholderFeedback: 'Users rate the chairs 4.2/5; facility management wants the repair desk on site.',
  nextTime: 'Add a repair KPI with a penalty.',
  nextAmbitionLevel: 'Aim for 90% reuse after first life.',
  sharedWith: 'Vlaanderen Circulair community of practice',
};

export const sampleReview = (momentId: string) => ({
  momentId,
  kpis: [
    { kpiId: 'availability', value: 99.2 },
    { kpiId: 'repair-response-time', value: 36, comment: 'within the 5-day term' },
  ],
  performance: 'Deliveries on plan; two repairs done within the term.',
  circularity: {
    realised: '94% of the chairs refurbished, not new; 2 repairs instead of replacements.',
    potential: 'Reusable packaging from year 2 and take-back of the old desks are still open.',
  },
  userTraining: '40 users trained in chair adjustment.',
  internalUse: {
    correct: 'partly',
    findings: 'Chairs stacked in the corridors on floor 3; facility reminds the teams.',
  },
  supplier: { attended: true, attendees: 'Account manager and the repair coordinator' },
  growthCommitments: [
    {
      id: 'reusable-packaging',
      description: 'Deliveries in reusable crates instead of cardboard',
      askedBy: 'organisation',
      status: 'agreed',
      dueOn: '2027-06-30',
    },
  ],
});
