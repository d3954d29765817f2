import {
  sampleAmbitions,
  sampleAward,
  sampleEndOfUse,
  sampleEvaluation,
  sampleMarketDialogue,
  sampleNeed,
  sampleNoPurchaseNeed,
  sampleRefurbishNeed,
  samplePeople,
  sampleProject,
  sampleSkippedDialogue,
  sampleTenderDocuments,
} from '../../dev/sample-project';
import { GATE_IDS, GATE_STEP, STEP_IDS, catalogue, gatesOfStep } from '../../domain/catalogue';
import { addDays, addMonths, nextMomentAction, planMoments, reconcileMoments } from '../../domain/follow-up';
import type { FollowUpMoment } from '../../domain/project';
import {
  DEFAULT_FOLLOW_UP_CADENCE,
  ambitionsDeliverable,
  approvalPolicy,
  approvalSettingsChange,
  awardDeliverable,
  createProject,
  decisionInput,
  deliverableSchemas,
  describeIssues,
  endOfUseDeliverable,
  evaluationDeliverable,
  isoDate,
  marketDialogueDeliverable,
  needDeliverable,
  tenderDocumentsDeliverable,
} from '../../domain/schemas';
import { problems } from '../helpers/problems';

describe('the catalogue', () => {
  test('STEP_IDS are the catalogue steps in process order', () => {
    const fromCatalogue = [...catalogue.steps].sort((a, b) => a.order - b.order).map((s) => s.id);
    expect([...STEP_IDS]).toEqual(fromCatalogue);
    expect(catalogue.steps.map((s) => s.order).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test('every step but use-and-execution has a gate, and step 4 has tender documents then award', () => {
    expect(STEP_IDS.filter((step) => gatesOfStep(step).length === 0)).toEqual(['use-and-execution']);
    expect(gatesOfStep('specify-and-award')).toEqual(['tender-documents', 'award']);
    for (const gate of GATE_IDS) expect(STEP_IDS).toContain(GATE_STEP[gate]);
  });

  test('there is a deliverable schema for every gate', () => {
    expect(Object.keys(deliverableSchemas).sort()).toEqual([...GATE_IDS].sort());
  });
});

describe('the samples are valid deliverables', () => {
  test.each([
    ['circular-need', sampleNeed],
    ['circular-need', sampleNoPurchaseNeed],
    ['circular-ambitions', sampleAmbitions],
    ['market-dialogue', sampleMarketDialogue],
    ['market-dialogue', sampleSkippedDialogue],
    ['tender-documents', sampleTenderDocuments],
    ['award', sampleAward('2027-01-01', '2035-01-01')],
    ['end-of-use', sampleEndOfUse],
    ['evaluate', sampleEvaluation],
  ] as const)('the %s schema accepts the sample', (gate, sample) => {
    expect(problems(deliverableSchemas[gate], sample)).toEqual([]);
  });

  test('the sample project is a valid creation request, with emails lowercased', () => {
    const parsed = createProject.parse(
      sampleProject('p-1', { requester: { ...samplePeople.requester, email: 'Ans.Peeters@Gent.example' } }),
    );
    expect(parsed.requester.email).toBe('ans.peeters@gent.example');
  });
});

describe('step 1 — need', () => {
  test('no purchase must choose an alternative that was assessed as feasible', () => {
    const infeasible = {
      ...sampleNoPurchaseNeed,
      decision: { ...sampleNoPurchaseNeed.decision, alternative: 'share' },
    };
    expect(problems(needDeliverable, infeasible)).toEqual([
      'decision.alternative: the chosen alternative "share" must be one assessed as feasible',
    ]);
  });

  test('every alternative (share, reuse, refurbish, upgrade) must be considered, and an inventory recorded', () => {
    const missing = {
      ...sampleNeed,
      inventory: [],
      alternatives: sampleNeed.alternatives.filter((a) => a.kind !== 'upgrade'),
    };
    expect(problems(needDeliverable, missing)).toEqual([
      'inventory: record at least one inventory check (what, where, result)',
      'alternatives: consider the alternative "upgrade"',
    ]);
  });

  test('refurbishing or upgrading is a purchase (of a service), not a purchase avoided; the need going away is', () => {
    // The source: "ook als je wil refurbishen of upgraden moet je een goede inventaris kunnen bieden bij je bestek".
    const refurbishAvoided = {
      ...sampleNeed,
      decision: { outcome: 'no-purchase', alternative: 'refurbish', explanation: 'We refurbish the chairs.' },
    };
    expect(problems(needDeliverable, refurbishAvoided)).toEqual([
      'decision.alternative: Invalid option: expected one of "share"|"reuse"|"need-gone"',
    ]);
    expect(problems(needDeliverable, sampleRefurbishNeed)).toEqual([]);
    const upgradeInfeasible = { ...sampleNeed, decision: { outcome: 'purchase', route: 'upgrade' } };
    expect(problems(needDeliverable, upgradeInfeasible)).toEqual([
      'decision.route: the chosen alternative "upgrade" must be one assessed as feasible',
    ]);
    const needGone = {
      ...sampleNeed,
      alternatives: sampleNeed.alternatives.map((a) => ({ ...a, feasible: false })),
      decision: {
        outcome: 'no-purchase',
        alternative: 'need-gone',
        explanation: 'The new wing is not built.',
      },
    };
    expect(problems(needDeliverable, needGone)).toEqual([]);
  });

  test('no purchase needs an explanation', () => {
    const bare = {
      ...sampleNoPurchaseNeed,
      decision: { outcome: 'no-purchase', alternative: 'reuse', explanation: '' },
    };
    expect(problems(needDeliverable, bare)).toEqual(['decision.explanation: must be at least 10 characters']);
  });
});

describe('step 2 — ambitions', () => {
  const single = { ...sampleAmbitions, objectives: sampleAmbitions.objectives.slice(0, 1) };

  test('a single objective needs a written reason', () => {
    expect(problems(ambitionsDeliverable, single)).toEqual([
      'singleObjectiveReason: more than one objective is advised: give a reason for choosing only one',
    ]);
    expect(
      problems(ambitionsDeliverable, { ...single, singleObjectiveReason: 'Only lifetime matters here.' }),
    ).toEqual([]);
  });

  test('a strategy must belong to its objective', () => {
    const wrong = {
      ...sampleAmbitions,
      objectives: [
        { ...sampleAmbitions.objectives[0], strategies: ['durable-design', 'recycled-content'] },
        sampleAmbitions.objectives[1],
      ],
    };
    expect(problems(ambitionsDeliverable, wrong)).toEqual([
      expect.stringMatching(
        /^objectives\.0\.strategies\.1: "recycled-content" is not a strategy of extend-lifetime/,
      ),
    ]);
  });

  test('an objective is picked once, and each has a strategy, indicator and baseline', () => {
    const twice = {
      ...sampleAmbitions,
      objectives: [sampleAmbitions.objectives[0], { ...sampleAmbitions.objectives[1], strategies: [] }],
    };
    expect(problems(ambitionsDeliverable, twice)).toEqual([
      'objectives.1.strategies: pick at least one strategy',
    ]);
    const duplicate = {
      ...sampleAmbitions,
      objectives: [sampleAmbitions.objectives[0], sampleAmbitions.objectives[0]],
    };
    expect(problems(ambitionsDeliverable, duplicate)).toEqual([
      'objectives.1.objectiveId: extend-lifetime appears twice in the objectives',
    ]);
    const { baseline: _baseline, ...noBaseline } = sampleAmbitions.objectives[1] ?? {};
    expect(
      problems(ambitionsDeliverable, {
        ...sampleAmbitions,
        objectives: [sampleAmbitions.objectives[0], noBaseline],
      }),
    ).toEqual([expect.stringMatching(/^objectives\.1\.baseline: /)]);
  });

  test('internal actors are named with unique emails', () => {
    const actor = sampleAmbitions.internalActors[0];
    expect(problems(ambitionsDeliverable, { ...sampleAmbitions, internalActors: [actor, actor] })).toEqual([
      `internalActors.1.email: ${actor?.email} appears twice in the internal actors`,
    ]);
  });
});

describe('step 2 — the conversation the ambition map starts', () => {
  test('why circular, the fit with other sustainability ambitions, what it means for the organisation and the ambition level short and long term are all asked', () => {
    const { conversation, ambitionLevel, ...without } = sampleAmbitions;
    expect(conversation.whyCircular.length).toBeGreaterThan(10);
    expect(ambitionLevel.longTerm.length).toBeGreaterThan(10);
    expect(problems(ambitionsDeliverable, without)).toEqual([
      'conversation: Invalid input: expected object, received undefined',
      'ambitionLevel: Invalid input: expected object, received undefined',
    ]);
    const blank = {
      ...sampleAmbitions,
      conversation: { ...conversation, otherSustainabilityAmbitions: 'yes' },
      ambitionLevel: { ...ambitionLevel, shortTerm: '' },
    };
    expect(problems(ambitionsDeliverable, blank)).toEqual([
      'conversation.otherSustainabilityAmbitions: must be at least 10 characters',
      'ambitionLevel.shortTerm: must be at least 10 characters',
    ]);
  });
});

describe('step 2 — the business case in figures', () => {
  test('a TCO that is reckoned has its estimate; one that is not needs none', () => {
    const { estimateEur: _, ...withoutEstimate } = sampleAmbitions.tco;
    expect(problems(ambitionsDeliverable, { ...sampleAmbitions, tco: withoutEstimate })).toEqual([
      'tco.estimateEur: give the TCO estimate, or set used to false',
    ]);
    expect(problems(ambitionsDeliverable, { ...sampleAmbitions, tco: { used: false } })).toEqual([]);
  });
});

describe('step 3 — market dialogue', () => {
  test('a skipped dialogue needs a reason', () => {
    expect(problems(marketDialogueDeliverable, { mode: 'skipped' })).toEqual([
      'reason: Invalid input: expected string, received undefined',
    ]);
    expect(problems(marketDialogueDeliverable, { mode: 'skipped', reason: 'no time' })).toEqual([
      'reason: must be at least 20 characters',
    ]);
  });

  test('a held dialogue records at least one dialogue with a catalogue form', () => {
    expect(problems(marketDialogueDeliverable, { ...sampleMarketDialogue, dialogues: [] })).toEqual([
      'dialogues: record at least one dialogue, or skip it with a reason',
    ]);
    const held = sampleMarketDialogue.mode === 'dialogue' ? sampleMarketDialogue.dialogues : [];
    const badForm = { ...sampleMarketDialogue, dialogues: [{ ...held[0], form: 'coffee' }] };
    expect(problems(marketDialogueDeliverable, badForm)).toEqual([
      expect.stringMatching(/^dialogues\.0\.form: /),
    ]);
  });

  const held = sampleMarketDialogue.mode === 'dialogue' ? sampleMarketDialogue : undefined;
  if (!held) throw new Error('the sample market dialogue is held');

  test('a desk market scan alone is no dialogue: it is refused with the way out (a skip with a reason)', () => {
    const deskOnly = { ...held, dialogues: [{ ...held.dialogues[0], form: 'desk-market-scan' }] };
    expect(problems(marketDialogueDeliverable, deskOnly)).toEqual([
      'dialogues: a desk market scan alone is no dialogue with the market: record a contact with suppliers, or skip the dialogue with a reason (management approves a skip)',
    ]);
    const withContact = { ...deskOnly, dialogues: [...deskOnly.dialogues, held.dialogues[1]] };
    expect(problems(marketDialogueDeliverable, withContact)).toEqual([]);
  });

  test('the ambition level is shared with the market, and the longlist names who was approached and who took part', () => {
    const notShared = { ...held, sharedWithMarket: { ...held.sharedWithMarket, ambitionLevel: false } };
    expect(problems(marketDialogueDeliverable, notShared)).toEqual([
      'sharedWithMarket.ambitionLevel: share the circular ambition level with the market',
    ]);
    expect(problems(marketDialogueDeliverable, { ...held, suppliers: [] })).toEqual([
      'suppliers: list the suppliers you approached (the longlist)',
      'suppliers: no supplier on the longlist took part: a dialogue needs at least one',
    ]);
    const nobodyCame = { ...held, suppliers: held.suppliers.map((s) => ({ ...s, tookPart: false })) };
    expect(problems(marketDialogueDeliverable, nobodyCame)).toEqual([
      'suppliers: no supplier on the longlist took part: a dialogue needs at least one',
    ]);
  });
});

describe('step 4a — tender documents', () => {
  test('award criteria weights must sum to 100', () => {
    const criteria = sampleTenderDocuments.awardCriteria.map((c, i) => (i === 0 ? { ...c, weight: 30 } : c));
    expect(
      problems(tenderDocumentsDeliverable, { ...sampleTenderDocuments, awardCriteria: criteria }),
    ).toEqual(['awardCriteria: weights must sum to 100 (they sum to 90)']);
  });

  test('awarding on price alone needs a reason, by basis or by criteria', () => {
    const priceBasis = {
      ...sampleTenderDocuments,
      awardBasis: 'price',
      awardCriteria: [{ name: 'Price', kind: 'price', nature: 'quantitative', weight: 100 }],
    };
    expect(problems(tenderDocumentsDeliverable, priceBasis)).toEqual([
      'priceOnlyReason: awarding on price alone needs a reason',
    ]);
    const priceCriteria = {
      ...sampleTenderDocuments,
      awardCriteria: [{ name: 'Price', kind: 'price', nature: 'quantitative', weight: 100 }],
    };
    // Price criteria alone under another basis: the reason is asked, and the basis does not fit them.
    expect(problems(tenderDocumentsDeliverable, priceCriteria)).toEqual([
      'priceOnlyReason: awarding on price alone needs a reason',
      'awardBasis: the best price-quality ratio weighs a price or cost criterion and at least one quality, circularity or other criterion',
    ]);
    expect(
      problems(tenderDocumentsDeliverable, { ...priceBasis, priceOnlyReason: 'Standard commodity.' }),
    ).toEqual([]);
  });

  test('each of the four principles must be confirmed', () => {
    const principles = {
      ...sampleTenderDocuments.principles,
      transparency: false,
      'equivalent-standards': false,
    };
    expect(problems(tenderDocumentsDeliverable, { ...sampleTenderDocuments, principles })).toEqual([
      'principles.transparency: confirm the principle of transparency',
      'principles.equivalent-standards: confirm that equivalent standards and labels are accepted',
    ]);
  });

  test('a custom execution condition needs a description', () => {
    const custom = { ...sampleTenderDocuments, executionConditions: [{ conditionId: 'custom' }] };
    expect(problems(tenderDocumentsDeliverable, custom)).toEqual([
      'executionConditions.0.description: a custom execution condition needs a description',
    ]);
  });
});

describe('step 4b — award', () => {
  test('the contract must end after it starts', () => {
    expect(problems(awardDeliverable, sampleAward('2030-01-01', '2029-12-31'))).toEqual([
      'contractEnd: the contract must end after it starts',
    ]);
    expect(problems(awardDeliverable, sampleAward('2030-01-01', '2030-01-01'))).toEqual([
      'contractEnd: the contract must end after it starts',
    ]);
  });

  test('the follow-up cadence defaults from the catalogue and is bounded', () => {
    const { followUpCadence: _cadence, ...withoutCadence } = sampleAward('2027-01-01', '2030-01-01');
    expect(awardDeliverable.parse(withoutCadence).followUpCadence).toEqual(DEFAULT_FOLLOW_UP_CADENCE);
    const award = sampleAward('2027-01-01', '2030-01-01');
    expect(
      problems(awardDeliverable, {
        ...award,
        followUpCadence: { ...award.followUpCadence, reviewEveryMonths: 13 },
      }),
    ).toEqual(['followUpCadence.reviewEveryMonths: reviews at least yearly']);
  });
});

describe('step 6 — end of use', () => {
  const [item] = sampleEndOfUse.items;

  test('a route below "repair and keep using" needs a reason', () => {
    const { lowerRouteReason: _reason, ...noReason } = item ?? {};
    expect(problems(endOfUseDeliverable, { ...sampleEndOfUse, items: [noReason] })).toEqual([
      'items.0.lowerRouteReason: a route below "repair and keep using" needs a reason why no higher route fits',
    ]);
    const { lowerRouteReason: _r, ...repair } = { ...item, routeId: 'repair-keep' };
    expect(problems(endOfUseDeliverable, { ...sampleEndOfUse, items: [repair] })).toEqual([]);
  });

  test('a buy-back records its residual value', () => {
    const { residualValueEur: _value, ...noValue } = item ?? {};
    expect(problems(endOfUseDeliverable, { ...sampleEndOfUse, items: [noValue] })).toEqual([
      'items.0.residualValueEur: a buy-back records its residual value in EUR',
    ]);
  });

  test('items have unique ids and there is at least one', () => {
    expect(problems(endOfUseDeliverable, { ...sampleEndOfUse, items: [item, item] })).toEqual([
      'items.1.itemId: lot-chairs-a appears twice in the items',
    ]);
    expect(problems(endOfUseDeliverable, { ...sampleEndOfUse, items: [] })).toEqual([
      'items: record at least one item or lot',
    ]);
  });
});

describe('step 7 — evaluate', () => {
  test('an evaluation keeps at least one lesson and a target verdict', () => {
    const { targetMet: _t, ...noVerdict } = sampleEvaluation;
    expect(problems(evaluationDeliverable, { ...noVerdict, lessons: [] })).toEqual([
      expect.stringMatching(/^targetMet: /),
      'lessons: record at least one lesson for the next project',
    ]);
  });
});

describe('decisions and settings', () => {
  test('reject and request changes need a comment; approve does not', () => {
    expect(problems(decisionInput, { decision: 'reject' })).toEqual([
      'comment: a comment is required to reject',
    ]);
    expect(problems(decisionInput, { decision: 'request-changes', comment: '   ' })).toEqual([
      'comment: a comment is required to request changes',
    ]);
    expect(problems(decisionInput, { decision: 'approve' })).toEqual([]);
  });

  test('a quorum policy needs its number, and only a quorum policy has one', () => {
    expect(problems(approvalPolicy, { rule: 'quorum' })).toEqual([
      'quorum: a quorum policy needs the number of approvals',
    ]);
    expect(problems(approvalPolicy, { rule: 'all', quorum: 2 })).toEqual([
      'quorum: quorum only applies to the quorum rule',
    ]);
  });

  test('a settings change changes at least one setting', () => {
    expect(problems(approvalSettingsChange, {})).toEqual([': change at least one setting']);
  });

  test('a project has a kebab-case id and approvers with unique emails', () => {
    const project = sampleProject('Not A Slug');
    const first = project.approvers[0];
    expect(problems(createProject, { ...project, approvers: [first, first] })).toEqual([
      'id: use lowercase letters, digits and single hyphens (kebab-case)',
      `approvers.1.email: ${first?.email} appears twice in the approvers`,
    ]);
  });

  test('describeIssues joins the first problems into one sentence', () => {
    const result = decisionInput.safeParse({ decision: 'maybe' });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(/^decision: Invalid option/);
  });
});

describe('calendar dates', () => {
  test('a date is YYYY-MM-DD and a real calendar day, with one problem per bad value', () => {
    expect(problems(isoDate, '2024-02-29')).toEqual([]);
    expect(problems(isoDate, '2025-02-29')).toEqual([': is not a calendar date']);
    expect(problems(isoDate, '29/02/2024')).toEqual([': use a date as YYYY-MM-DD']);
    expect(problems(isoDate, 'next year')).toEqual([': use a date as YYYY-MM-DD']);
  });
});

describe('follow-up date maths', () => {
  test('addMonths clamps to the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-08-31', 1)).toBe('2025-09-30');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2025-05-20', 24)).toBe('2027-05-20');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  const cadence = { ...DEFAULT_FOLLOW_UP_CADENCE };
  const contract = {
    start: '2027-01-01',
    end: '2028-01-01',
    awardedOn: '2026-12-01',
    cadence,
    anchor: '2027-01-01',
  };

  test('planMoments: a kick-off, quarterly reviews and the yearly strategic review before the end', () => {
    expect(planMoments(contract, [], '2026-12-01')).toEqual([
      { id: 'kick-off', kind: 'kick-off', dueOn: '2026-12-31' },
      { id: 'periodic-review-1', kind: 'periodic-review', dueOn: '2027-04-01' },
      { id: 'periodic-review-2', kind: 'periodic-review', dueOn: '2027-07-01' },
      { id: 'periodic-review-3', kind: 'periodic-review', dueOn: '2027-10-01' },
    ]);
    const twoYears = { ...contract, end: '2029-01-01' };
    const plan = planMoments(twoYears, [], '2026-12-01');
    expect(plan.filter((m) => m.kind === 'strategic-review')).toEqual([
      { id: 'strategic-review-1', kind: 'strategic-review', dueOn: '2028-01-01' },
    ]);
    expect(plan.some((m) => m.kind === 'periodic-review' && m.dueOn === '2028-01-01')).toBe(false);
  });

  test('planMoments numbers future moments after the past ones', () => {
    const past: FollowUpMoment[] = [
      { id: 'kick-off', kind: 'kick-off', dueOn: '2026-12-31', sequence: 0, reviewedAt: 'x' },
      { id: 'periodic-review-1', kind: 'periodic-review', dueOn: '2027-04-01', sequence: 0, reviewedAt: 'x' },
    ];
    expect(planMoments(contract, past, '2027-05-01').map((m) => m.id)).toEqual([
      'periodic-review-2',
      'periodic-review-3',
    ]);
  });

  test('reconcileMoments raises SEQUENCE of an announced moment that moves or is dropped', () => {
    const existing: FollowUpMoment[] = [
      {
        id: 'periodic-review-1',
        kind: 'periodic-review',
        dueOn: '2027-04-01',
        sequence: 0,
        announcedAt: 'a',
      },
      {
        id: 'periodic-review-2',
        kind: 'periodic-review',
        dueOn: '2027-07-01',
        sequence: 2,
        announcedAt: 'a',
      },
      { id: 'periodic-review-3', kind: 'periodic-review', dueOn: '2027-10-01', sequence: 0 },
    ];
    const plan = [
      { id: 'periodic-review-1', kind: 'periodic-review' as const, dueOn: '2027-05-01' },
      { id: 'periodic-review-3', kind: 'periodic-review' as const, dueOn: '2027-10-01' },
    ];
    const result = reconcileMoments(existing, plan, '2027-03-01', '2027-03-01T10:00:00.000Z');
    expect(result.moved).toEqual([
      expect.objectContaining({ id: 'periodic-review-1', dueOn: '2027-05-01', sequence: 1 }),
    ]);
    expect(result.dropped).toEqual([
      expect.objectContaining({
        id: 'periodic-review-2',
        sequence: 3,
        cancelledAt: '2027-03-01T10:00:00.000Z',
      }),
    ]);
    expect(result.moments.find((m) => m.id === 'periodic-review-3')).toEqual(existing[2]);
  });

  test('a moment is announced, reminded and escalated at its notice and grace days', () => {
    const moment: FollowUpMoment = { id: 'm', kind: 'periodic-review', dueOn: '2027-04-15', sequence: 0 };
    const timing = { noticeDays: 7, graceDays: 14 };
    expect(nextMomentAction(moment, timing)).toEqual({
      action: 'announce',
      at: Date.parse('2027-04-08T07:00:00Z'),
    });
    expect(nextMomentAction({ ...moment, announcedAt: 'x' }, timing)).toEqual({
      action: 'remind',
      at: Date.parse('2027-04-29T07:00:00Z'),
    });
    expect(nextMomentAction({ ...moment, announcedAt: 'x', remindedAt: 'x' }, timing)).toEqual({
      action: 'escalate',
      at: Date.parse('2027-05-13T07:00:00Z'),
    });
    expect(nextMomentAction({ ...moment, reviewedAt: 'x' }, timing)).toBeUndefined();
  });
});
