/**
 * The records of steps 1–3 the source text asks for, as schema rules and digest lines: the
 * inventory's quantity and condition, sharing within and beyond the organisation, the purchaser's
 * mandate and the dialogue with the internal client; the nudge towards several strategies per
 * objective; the market dialogue's collaborations, planning and adjustments of the ambition.
 */
import {
  sampleAmbitions,
  sampleEvaluation,
  sampleMarketDialogue,
  sampleNeed,
  sampleTenderDocuments,
} from '../../dev/sample-project';
import {
  adjustmentRules,
  ambitionLevelAfterDialogue,
  objectivesAfterDialogue,
} from '../../domain/ambitions-after-dialogue';
import { submissionDigest } from '../../domain/digest';
import {
  ambitionsDeliverable,
  describeIssues,
  marketDialogueDeliverable,
  needDeliverable,
} from '../../domain/schemas';
import { incompleteNeedRules } from '../../domain/schemas/need';
import { english } from '../helpers/problems';

const problemsOf = (result: { success: boolean; error?: Parameters<typeof describeIssues>[0] }) =>
  result.success || !result.error ? '' : describeIssues(result.error);

if (sampleMarketDialogue.mode !== 'dialogue') throw new Error('the sample dialogue is held');
const heldDialogue = sampleMarketDialogue;

describe('step 1 — the inventory and sharing', () => {
  test('the sample records quantity, condition and holder per line, and how far sharing and reuse were looked for', () => {
    expect(english(incompleteNeedRules(needDeliverable.parse(sampleNeed)))).toEqual([]);
    const digest = submissionDigest('circular-need', needDeliverable.parse(sampleNeed));
    expect(digest.nl).toContain(
      'Inventaris: office chairs (×250, te herstellen, eigen dienst); desks (×80, bruikbaar, andere organisatie)',
    );
    expect(digest.en).toContain(
      'Feasible alternatives: reuse (internally and with other organisations), refurbish',
    );
  });

  test('reach belongs to sharing and reusing; a line that found nothing has no condition', () => {
    const result = needDeliverable.safeParse({
      ...sampleNeed,
      inventory: [
        { what: 'lockers', where: 'depot', result: 'not-available', quantity: 0, condition: 'good' },
      ],
      alternatives: sampleNeed.alternatives.map((a) =>
        a.kind === 'upgrade' ? { ...a, reach: 'internal' } : a,
      ),
    });
    expect(result.success).toBe(false);
    const problems = problemsOf(result);
    expect(problems).toContain('reach applies to share and reuse only, not to "upgrade"');
    expect(problems).toContain(
      'a line with result "not-available" found nothing whose condition could be recorded',
    );
  });

  test('a complete record names each missing part: mandate, client dialogue, quantity, condition, reach', () => {
    const { purchaserMandate: _m, internalClientDialogue: _d, ...bare } = sampleNeed;
    const need = needDeliverable.parse({
      ...bare,
      inventory: [
        { what: 'chairs', where: 'depot', result: 'available' },
        { what: 'lockers', where: 'depot', result: 'not-available', quantity: 0 },
      ],
      alternatives: sampleNeed.alternatives.map(({ reach: _r, ...a }) => a),
    });
    expect(english(incompleteNeedRules(need)).map((problem) => problem.split(':')[0])).toEqual([
      'purchaserMandate',
      'internalClientDialogue',
      'inventory.0.quantity',
      'inventory.0.condition',
      'alternatives.0.reach',
      'alternatives.1.reach',
    ]);
  });

  test('the mandate and the client dialogue are in the digest, in both languages', () => {
    const digest = submissionDigest('circular-need', needDeliverable.parse(sampleNeed));
    expect(digest.en).toContain(
      'Purchaser’s mandate: given by Dirk Janssens, algemeen directeur on 2026-03-02: Question the request for new chairs and desks, and propose reuse, refurbishing or a service instead.',
    );
    expect(digest.nl.join('\n')).toContain(
      'Dialoog met de interne klant (2026-03-10, Bram De Smet (facility management), two team leads of the city office): gevraagd “400 new office chairs',
    );
  });
});

describe('step 2 — several strategies per objective', () => {
  test('an objective with one strategy is accepted, and the approvers read the advice', () => {
    const single = ambitionsDeliverable.parse({
      ...sampleAmbitions,
      objectives: sampleAmbitions.objectives.map((o, i) =>
        i === 0 ? { ...o, strategies: o.strategies.slice(0, 1) } : o,
      ),
    });
    const digest = submissionDigest('circular-ambitions', single);
    expect(digest.nl).toContain(
      'Let op: één strategie voor Langere gebruiks- en levensduur; de ambitiekaart raadt aan verschillende strategieën per doelstelling te hanteren, dat geeft meer kans op succes',
    );
    expect(
      digest.en.some((line) => line.startsWith('Note: a single strategy for Longer use and lifetime;')),
    ).toBe(true);
  });

  test('with several strategies for every objective there is no advice', () => {
    const digest = submissionDigest('circular-ambitions', ambitionsDeliverable.parse(sampleAmbitions));
    expect(digest.en.some((line) => line.startsWith('Note:'))).toBe(false);
  });
});

describe('step 3 — collaborations, planning, the ambition adjusted', () => {
  test('the digest shows the adjustment, the collaborations and the planning', () => {
    const digest = submissionDigest('market-dialogue', marketDialogueDeliverable.parse(sampleMarketDialogue));
    expect(digest.en).toContain(
      'Ambition adjusted: Longer use and lifetime: target 12 (Suppliers guarantee 12 years of use with repair; 15 years is not offered yet.)',
    );
    expect(digest.nl).toContain(
      'Samenwerkingen: Kringloop Meubel vzw + Zitwerk NV: Refurbishing taken-back chairs in a social economy workshop for reuse in other city buildings. (afgesproken)',
    );
    expect(digest.nl).toContain(
      'Planning: gestart op 2026-05-04, doorlooptijd 6 weken; 4/4 mijlpalen bereikt; 1 later dan gepland',
    );
  });

  test('an open milestone is shown as the next one', () => {
    const open = marketDialogueDeliverable.parse({
      ...heldDialogue,
      planning: {
        startedOn: '2026-05-04',
        leadTimeWeeks: 10,
        milestones: [
          { what: 'RFI published', plannedOn: '2026-05-04', reachedOn: '2026-05-04' },
          { what: 'Plenary session', plannedOn: '2026-06-20' },
        ],
      },
    });
    expect(submissionDigest('market-dialogue', open).en).toContain(
      'Planning: started on 2026-05-04, lead time 10 weeks; 1/2 milestones reached; next: Plenary session (2026-06-20)',
    );
  });

  test('adjustments are refused when repeated, empty, with a strategy of another objective, or with a milestone before the start', () => {
    const result = marketDialogueDeliverable.safeParse({
      ...heldDialogue,
      objectiveAdjustments: [
        { objectiveId: 'extend-lifetime', target: 12, reason: 'market' },
        { objectiveId: 'extend-lifetime', strategies: ['recycled-content'], reason: 'market' },
        { objectiveId: 'enable-reuse', reason: 'nothing changed' },
      ],
      planning: {
        startedOn: '2026-05-04',
        leadTimeWeeks: 6,
        milestones: [{ what: 'x', plannedOn: '2026-05-01' }],
      },
    });
    expect(result.success).toBe(false);
    const problems = result.success ? [] : result.error.issues.map((issue) => issue.message);
    expect(problems).toEqual(
      expect.arrayContaining([
        'extend-lifetime is adjusted twice',
        expect.stringContaining('"recycled-content" is not a strategy of extend-lifetime'),
        'an adjustment changes the target, the strategies, or both',
        'a milestone is planned after the dialogue started (2026-05-04)',
      ]),
    );
  });

  test('later steps read the objectives as adjusted; step 2 stays as approved; an objective step 2 did not set cannot be adjusted', () => {
    const ambitions = ambitionsDeliverable.parse(sampleAmbitions);
    const dialogue = marketDialogueDeliverable.parse(sampleMarketDialogue);
    const [lifetime, reuse] = objectivesAfterDialogue(ambitions, dialogue);
    expect(lifetime).toMatchObject({
      objectiveId: 'extend-lifetime',
      target: 12,
      adjusted: { targetBefore: 15 },
    });
    expect(reuse?.adjusted).toBeUndefined();
    expect(ambitions.objectives[0]?.target).toBe(15);
    expect(english(adjustmentRules(dialogue, ambitions))).toEqual([]);
    const other = marketDialogueDeliverable.parse({
      ...heldDialogue,
      objectiveAdjustments: [{ objectiveId: 'reduce-virgin-input', target: 30, reason: 'market' }],
    });
    expect(english(adjustmentRules(other, ambitions))).toEqual([
      'objectiveAdjustments.0.objectiveId: reduce-virgin-input is not an objective of the approved ambitions (step 2 set extend-lifetime, enable-reuse)',
    ]);
    const evaluation = submissionDigest('evaluate', sampleEvaluation, undefined, ambitions, dialogue);
    expect(evaluation.nl).toContain(
      'Doelstellingen: Langere gebruiks- en levensduur: doel 12 years (bijgesteld na de marktdialoog, was 15); Hergebruik van producten en componenten mogelijk maken: doel 80 %',
    );
  });

  test('the ambition level adjusted after the dialogue is what the tender shows; an adjustment changing nothing is refused', () => {
    const ambitions = ambitionsDeliverable.parse(sampleAmbitions);
    const dialogue = marketDialogueDeliverable.parse({
      ...heldDialogue,
      ambitionLevelAdjustment: {
        longTerm: 'Office furniture as a service with take-back for all city buildings by 2030.',
        reason: 'Three suppliers already offer take-back at scale.',
      },
    });
    expect(ambitionLevelAfterDialogue(ambitions, dialogue)).toEqual({
      shortTerm: sampleAmbitions.ambitionLevel.shortTerm,
      longTerm: 'Office furniture as a service with take-back for all city buildings by 2030.',
      adjusted: { reason: 'Three suppliers already offer take-back at scale.' },
    });
    expect(submissionDigest('market-dialogue', dialogue).en).toContain(
      'Ambition level adjusted: long term: Office furniture as a service with take-back for all city buildings by 2030. (Three suppliers already offer take-back at scale.)',
    );
    const tender = submissionDigest(
      'tender-documents',
      sampleTenderDocuments,
      undefined,
      ambitions,
      dialogue,
    );
    expect(tender.nl).toContain(
      'Ambitieniveau (bijgesteld na de marktdialoog): korte termijn: Every chair repaired or refurbished before anything new is bought.; lange termijn: Office furniture as a service with take-back for all city buildings by 2030.',
    );
    // Without an adjustment, the tender repeats nothing of step 2's level.
    const unchanged = submissionDigest(
      'tender-documents',
      sampleTenderDocuments,
      undefined,
      ambitions,
      heldDialogue,
    );
    expect(unchanged.nl.some((line) => line.startsWith('Ambitieniveau'))).toBe(false);
    const empty = marketDialogueDeliverable.safeParse({
      ...heldDialogue,
      ambitionLevelAdjustment: { reason: 'nothing' },
    });
    expect(empty.success ? [] : empty.error.issues.map((issue) => issue.message)).toContain(
      'an adjusted ambition level changes the short term, the long term, or both',
    );
  });
});
