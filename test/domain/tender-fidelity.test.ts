/**
 * Step 4 as the source text asks it (FIDELITY rows 4.2–4.37): the scope's questions, the
 * alternative selection criteria for SMEs, the trace to step 2's objectives, what the market said
 * in step 3, and the award basis checked against the criteria.
 */
import {
  sampleAmbitions,
  sampleAward,
  sampleMarketDialogue,
  sampleSkippedDialogue,
  sampleTenderDocuments,
} from '../../dev/sample-project';
import { catalogue, label, toolsOfStep } from '../../domain/catalogue';
import { submissionDigest } from '../../domain/digest';
import { tenderDocumentsDeliverable } from '../../domain/schemas';
import { STANDARD_TERM_MONTHS, totalTermMonths } from '../../domain/schemas/tender-rules';
import {
  missingContractValues,
  servedObjectives,
  tenderWarnings,
  unknownObjectiveRules,
} from '../../domain/tender/trace';
import { english, problems } from '../helpers/problems';

type Tender = typeof sampleTenderDocuments;
const sample = sampleTenderDocuments;
const withScope = (scope: Partial<Tender['scope']>): Tender => ({
  ...sample,
  scope: { ...sample.scope, ...scope },
});
const digestOf = (tender: Tender, dialogue = sampleMarketDialogue) =>
  submissionDigest(
    'tender-documents',
    tenderDocumentsDeliverable.parse(tender),
    undefined,
    sampleAmbitions,
    dialogue,
  );
const warningsOf = (tender: Tender, dialogue = sampleMarketDialogue) =>
  tenderWarnings(tenderDocumentsDeliverable.parse(tender), sampleAmbitions, dialogue).map((w) => w.en);

describe('the sample tender answers every question of step 4', () => {
  test('it is valid and leaves no warning', () => {
    expect(problems(tenderDocumentsDeliverable, sample)).toEqual([]);
    expect(warningsOf(sample)).toEqual([]);
    expect(warningsOf(sample)).toHaveLength(0);
  });

  test('the digest sets the tender beside step 2 and step 3, in Dutch and English', () => {
    const digest = digestOf(sample);
    expect(digest.nl).toEqual(
      expect.arrayContaining([
        'TCO: meegenomen (total cost of ownership): € 820.000 (business case stap 2: € 820.000)',
        `Looptijd met verlengingen: 120 maanden (standaard ${STANDARD_TERM_MONTHS}); functionele levensduur 15 jaar`,
        'Terugverdientijd volgens de markt: 7 jaar',
        expect.stringMatching(/^Niet in percelen: One supplier keeps/),
        'Varianten niet toegelaten',
        `Selectiecriteria: 2; alternatief voor kmo’s: ${label(catalogue.sme_selection_alternatives, 'flexible-references', 'nl')}; ${label(catalogue.sme_selection_alternatives, 'environmental-management', 'nl')}`,
        'Groeitraject in de gunningscriteria: Circularity plan',
        expect.stringMatching(/^Circulaire ambities in het bestek: Chapter 1/),
      ]),
    );
    expect(digest.en).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Why longer: The chairs last 15 years/)]),
    );
  });
});

describe('4.2 — is the total cost of ownership reckoned, and for how much', () => {
  test('"no" can be recorded, and the digest says so', () => {
    const none = {
      ...withScope({ costModel: 'none', costEstimateEur: undefined }),
      awardCriteria: sample.awardCriteria.map((c) =>
        c.kind === 'cost' ? { ...c, kind: 'price' as const } : c,
      ),
    };
    expect(problems(tenderDocumentsDeliverable, none)).toEqual([]);
    expect(digestOf(none).en).toContain('TCO: not reckoned (business case of step 2: €820,000)');
  });

  test('"no" next to a cost criterion or an award on cost is refused', () => {
    expect(problems(tenderDocumentsDeliverable, withScope({ costModel: 'none' }))).toEqual([
      'awardCriteria.0.kind: a `cost` criterion reckons the life-cycle cost or TCO: set `scope.costModel` to `tco` or `lcc`',
    ]);
  });

  test('"yes" without the amount is flagged to the approvers', () => {
    expect(warningsOf(withScope({ costEstimateEur: undefined }))).toEqual([
      'the TCO is reckoned, but its amount is missing',
    ]);
  });
});

describe('4.5–4.8 — the contract term', () => {
  test('the standard term is catalogue data with its legal source', () => {
    expect(STANDARD_TERM_MONTHS).toBe(catalogue.legal_frame.standard_term.months);
    expect(catalogue.legal_frame.standard_term.ref).toMatch(/law of 17 June 2016, art\. 43 §1/);
  });

  test('a term above the standard needs its reason; within it, none', () => {
    expect(problems(tenderDocumentsDeliverable, withScope({ longerTermReason: undefined }))).toEqual([
      `scope.longerTermReason: the contract can run ${totalTermMonths(sample.scope)} months with its extensions, longer than the standard ${STANDARD_TERM_MONTHS}: give the reason (the functional lifetime, the payback time of the investments)`,
    ]);
    const within = withScope({
      longerTermReason: undefined,
      contractTermMonths: STANDARD_TERM_MONTHS - 12,
      extensionOptions: [{ months: 12 }],
    });
    expect(problems(tenderDocumentsDeliverable, within)).toEqual([]);
  });

  test('a term longer than the functional lifetime, or no lifetime at all, is flagged', () => {
    expect(warningsOf(withScope({ functionalLifetimeYears: 8 }))).toEqual([
      'the contract can run 120 months, longer than the functional lifetime (8 years)',
    ]);
    expect(warningsOf(withScope({ functionalLifetimeYears: undefined }))).toEqual([
      'the term is not set against the functional lifetime (not given)',
    ]);
  });

  test('the market asked for the payback time gives its answer', () => {
    expect(problems(tenderDocumentsDeliverable, withScope({ payback: { askedOfMarket: true } }))).toEqual([
      'scope.payback.realisticYears: the market was asked: record the payback time it found realistic',
    ]);
    expect(digestOf(withScope({ payback: { askedOfMarket: false } })).nl).toContain(
      'Terugverdientijd niet bij de markt bevraagd',
    );
  });

  test('termination clauses and performance bonuses are conditions; a long term without them is flagged', () => {
    const ids = catalogue.execution_condition_examples.map((example) => example.id);
    expect(ids).toEqual(expect.arrayContaining(['termination-clauses', 'performance-bonus']));
    const withoutExit = sample.executionConditions.filter((c) => c.conditionId !== 'termination-clauses');
    expect(warningsOf({ ...sample, executionConditions: withoutExit })).toEqual([
      'a term above the standard without termination clauses or performance bonuses',
    ]);
    const bonus = [
      ...withoutExit,
      { conditionId: 'performance-bonus' as const, feasibleBecause: 'Asked in the RFI.' },
    ];
    expect(warningsOf({ ...sample, executionConditions: bonus })).toEqual([]);
  });
});

describe('4.12–4.15 — alternative selection criteria for SMEs; lots are a scope choice', () => {
  test("the source text's three alternatives are in the catalogue and accepted", () => {
    for (const id of [
      'technical-equipment-quality-research',
      'supply-chain-tracing',
      'environmental-management',
    ]) {
      const entry = catalogue.sme_selection_alternatives.find((alternative) => alternative.id === id);
      expect(entry).toMatchObject({ source: 'vc-7steps' });
      const tender = {
        ...sample,
        selectionCriteria: [{ description: 'Described in the offer', smeAlternative: id }],
      };
      expect(problems(tenderDocumentsDeliverable, tender)).toEqual([]);
    }
  });

  test.each([
    ['lots', /scope\.lots/],
    ['self-declaration', /means of proof/],
    ['vision-plus-evidence', /award criterion/],
  ])('"%s" is no longer an alternative, with the reason', (id, reason) => {
    const tender = {
      ...sample,
      selectionCriteria: [{ description: 'Described in the offer', smeAlternative: id }],
    };
    const found = problems(tenderDocumentsDeliverable, tender);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^selectionCriteria\.0\.smeAlternative: no longer an alternative: /);
    expect(found[0]).toMatch(reason);
  });

  test('the division into lots has its reason, and a count when divided', () => {
    expect(
      problems(tenderDocumentsDeliverable, withScope({ lots: { divided: true, reason: 'Per campus.' } })),
    ).toEqual(['scope.lots.count: a contract divided into lots says into how many']);
    expect(
      problems(
        tenderDocumentsDeliverable,
        withScope({ lots: { divided: false, count: 2, reason: 'One chain.' } }),
      ),
    ).toEqual(['scope.lots.count: a contract not divided into lots has no count of lots']);
    expect(problems(tenderDocumentsDeliverable, withScope({ lots: { divided: false, reason: '' } }))).toEqual(
      ['scope.lots.reason: must not be empty'],
    );
    expect(digestOf(withScope({ lots: { divided: true, count: 3, reason: 'Per campus.' } })).en).toContain(
      'Lots: 3 (Per campus.)',
    );
    expect(warningsOf(withScope({ lots: undefined }))).toEqual([
      'division into lots is not considered (not given)',
    ]);
  });
});

describe('4.18 — each criterion and condition traced to the objective of step 2 it serves', () => {
  test('a catalogue condition serves its own objective unless the tender names others', () => {
    const served = servedObjectives(tenderDocumentsDeliverable.parse(sample));
    // packaging-take-back names no objective: the catalogue's (enable-recycling) counts.
    expect([...served].sort()).toEqual(['enable-recycling', 'enable-reuse', 'extend-lifetime']);
    const onlyTakeBack = {
      ...sample,
      awardCriteria: sample.awardCriteria.map(({ serves: _serves, ...c }) => c),
      executionConditions: [{ conditionId: 'take-back' as const, feasibleBecause: 'RFI.' }],
    };
    expect([...servedObjectives(tenderDocumentsDeliverable.parse(onlyTakeBack))]).toEqual(['enable-reuse']);
  });

  test('an objective served by nothing is flagged in the digest', () => {
    const tender = {
      ...sample,
      awardCriteria: sample.awardCriteria.map((c) => ({ ...c, serves: ['enable-reuse' as const] })),
      executionConditions: sample.executionConditions.filter((c) => c.conditionId !== 'spare-parts-years'),
    };
    const expected = `no award criterion or execution condition serves the step-2 objective "${label(catalogue.ambition_objectives.items, 'extend-lifetime', 'en')}"`;
    expect(warningsOf(tender)).toEqual([expected]);
    expect(digestOf(tender).en).toContain(`Note: ${expected}`);
    expect(digestOf(tender).nl).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Let op: geen gunningscriterium of uitvoeringsvoorwaarde dient/),
      ]),
    );
  });

  test('an objective step 2 did not choose is a problem the workflow refuses', () => {
    const tender = tenderDocumentsDeliverable.parse({
      ...sample,
      awardCriteria: sample.awardCriteria.map((c, i) =>
        i === 1 ? { ...c, serves: ['enable-recycling'] } : c,
      ),
    });
    expect(english(unknownObjectiveRules(tender, sampleAmbitions))).toEqual([
      'awardCriteria.1.serves.0: enable-recycling is not an objective of step 2 (extend-lifetime, enable-reuse)',
    ]);
    expect(english(unknownObjectiveRules(tenderDocumentsDeliverable.parse(sample), sampleAmbitions))).toEqual(
      [],
    );
  });
});

describe('4.19, 4.22, 4.27, 4.36 — variants, growth path, guidance, ambitions in the tender', () => {
  test('variants allowed name the minimum requirements', () => {
    expect(problems(tenderDocumentsDeliverable, { ...sample, variants: { allowed: true } })).toEqual([
      'variants.minimumRequirements: variants are allowed: state the minimum requirements they must meet',
    ]);
    const allowed = {
      ...sample,
      variants: { allowed: true, minimumRequirements: 'The functional specifications.' },
    };
    expect(problems(tenderDocumentsDeliverable, allowed)).toEqual([]);
    expect(digestOf(allowed).en).toContain('Variants allowed: The functional specifications.');
    expect(warningsOf({ ...sample, variants: undefined })).toEqual(['not said whether variants are allowed']);
  });

  test('a qualitative criterion without guidance for the assessors is flagged by name', () => {
    const criteria = sample.awardCriteria.map(({ guidance: _guidance, ...c }) => c);
    expect(warningsOf({ ...sample, awardCriteria: criteria })).toEqual([
      'no guidance for the assessors (sub-criteria, scoring method) on Circularity plan, Service quality',
    ]);
  });

  test('the circular ambitions given in the tender say where', () => {
    expect(
      problems(tenderDocumentsDeliverable, { ...sample, ambitionsInTender: { included: true } }),
    ).toEqual(['ambitionsInTender.where: say where the tender states the circular ambitions']);
    expect(warningsOf({ ...sample, ambitionsInTender: { included: false } })).toEqual([
      'the circular ambitions are not given in the tender',
    ]);
  });
});

describe('4.33, 4.35 — what the market said, and only feasible asks', () => {
  test("step 3's findings are in the tender's digest", () => {
    const dialogue = sampleMarketDialogue;
    if (dialogue.mode !== 'dialogue') throw new Error('the sample dialogue was held');
    const lines = digestOf(sample).nl.filter((line) => line.startsWith('Wat de markt zei'));
    expect(lines).toHaveLength(dialogue.dialogues.length);
    dialogue.dialogues.forEach((d, i) => expect(lines[i]).toContain(d.findings));
    expect(digestOf(sample, sampleSkippedDialogue).en).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^What the market said: no market dialogue \(A framework/),
      ]),
    );
  });

  test('a condition the dialogue did not show feasible, without a growth path, is flagged', () => {
    const conditions = sample.executionConditions.map(({ feasibleBecause: _f, ...c }) => c);
    const expected = `not said why the market can meet these (ask only what is feasible, or give a growth path): ${['take-back', 'spare-parts-years', 'termination-clauses'].map((id) => label(catalogue.execution_condition_examples, id, 'en')).join(', ')}`;
    expect(warningsOf({ ...sample, executionConditions: conditions })).toEqual([expected]);
    expect(warningsOf({ ...sample, executionConditions: conditions }, sampleSkippedDialogue)).toEqual([]);
  });
});

describe('the award basis is checked against the criteria', () => {
  const price = { name: 'Price', kind: 'price' as const, nature: 'quantitative' as const, weight: 100 };
  test.each([
    ['price', sample.awardCriteria, /only `price` criteria/],
    ['cost-lcc', sample.awardCriteria, /no quality or circularity criteria/],
    ['best-price-quality', [price], /at least one quality, circularity or other criterion/],
    ['fixed-price-quality-only', sample.awardCriteria, /no `price` or `cost` criterion/],
  ])('basis %s with criteria that do not fit it is refused', (awardBasis, awardCriteria, reason) => {
    const found = problems(tenderDocumentsDeliverable, {
      ...sample,
      awardBasis,
      awardCriteria,
      priceOnlyReason: 'x',
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^awardBasis: /);
    expect(found[0]).toMatch(reason);
  });

  test('each basis with fitting criteria is accepted', () => {
    const quality = { name: 'Plan', kind: 'quality' as const, nature: 'qualitative' as const, weight: 100 };
    const cost = { name: 'LCC', kind: 'cost' as const, nature: 'quantitative' as const, weight: 100 };
    for (const [awardBasis, awardCriteria] of [
      ['price', [price]],
      ['cost-lcc', [cost]],
      ['best-price-quality', sample.awardCriteria],
      ['fixed-price-quality-only', [quality]],
    ] as const)
      expect(
        problems(tenderDocumentsDeliverable, {
          ...sample,
          awardBasis,
          awardCriteria,
          priceOnlyReason: 'Commodity.',
        }),
      ).toEqual([]);
  });
});

describe('4.5 at the award, and 4.37', () => {
  test("the award's digest sets the contract against the expected lifetime", () => {
    const award = sampleAward('2027-01-01', '2035-01-01');
    expect(submissionDigest('award', award).nl).toContain(
      'Verwachte levensduur: 15 jaar; het contract loopt 8 jaar',
    );
    const short = submissionDigest('award', { ...award, expectedLifetimeYears: 6 }).en;
    expect(short).toContain('Expected lifetime: 6 years; the contract runs 8 years');
    expect(short).toContain('Note: the contract runs longer than the expected lifetime');
    expect(submissionDigest('award', award).en).not.toContain(
      'Note: the contract runs longer than the expected lifetime',
    );
  });

  test('the webinar on the law is a tool of step 4', () => {
    expect(toolsOfStep('specify-and-award').map((tool) => tool.id)).toContain('law-webinar');
  });
});

describe("step 4's contract values", () => {
  test('the award records a contract value for every objective of step 2', () => {
    const award = sampleAward('2027-01-01', '2035-01-01');
    expect(missingContractValues(award, sampleAmbitions)).toEqual([]);
    const one = { ...award, contractIndicatorValues: award.contractIndicatorValues.slice(0, 1) };
    expect(missingContractValues(one, sampleAmbitions)).toEqual(['enable-reuse']);
  });
});
