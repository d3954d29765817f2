/**
 * Step 6 against the contract (domain/end-of-use.ts, domain/schemas/end-of-use.ts): the condition
 * that applies per item, the quality parameters, the chain and the certificate, and the digest.
 */
import { sampleAmbitions, sampleEndOfUse, sampleNeed, sampleTenderDocuments } from '../../dev/sample-project';
import { submissionDigest } from '../../domain/digest';
import { applicableCondition, contractualEndOfUseConditions, endOfUseRules } from '../../domain/end-of-use';
import { type DeliverableByGate, describeIssues, endOfUseDeliverable } from '../../domain/schemas';
import { english } from '../helpers/problems';

type Item = DeliverableByGate['end-of-use']['items'][number];
const [resold, harvested] = sampleEndOfUse.items as [Item, Item];
const withItems = (...items: Item[]): DeliverableByGate['end-of-use'] => ({ ...sampleEndOfUse, items });

test('the contract conditions of step 4 that govern the end of use are the take-back, buy-back, reporting and processing ones', () => {
  expect(contractualEndOfUseConditions(sampleTenderDocuments)).toEqual(['take-back']);
  const tender = {
    ...sampleTenderDocuments,
    executionConditions: [
      { conditionId: 'packaging-take-back' as const },
      { conditionId: 'buy-back' as const },
      { conditionId: 'certified-processing' as const },
      { conditionId: 'buy-back' as const },
    ],
  };
  expect(contractualEndOfUseConditions(tender)).toEqual(['buy-back', 'certified-processing']);
  expect(contractualEndOfUseConditions(undefined)).toEqual([]);
});

test('an item falls under the condition it names, or under a take-back or buy-back channel the contract agreed', () => {
  expect(applicableCondition(harvested, sampleTenderDocuments)).toBe('take-back');
  const { contractConditionId: _, ...byChannel } = harvested;
  expect(applicableCondition(byChannel, sampleTenderDocuments)).toBe('take-back');
  // Buy-back was not agreed in this contract: a buy-back channel alone is no contract condition.
  expect(applicableCondition(resold, sampleTenderDocuments)).toBeUndefined();
});

test('the sample end of use meets the step-6 rules', () => {
  expect(english(endOfUseRules(sampleEndOfUse, sampleTenderDocuments))).toEqual([]);
});

test('an item that leaves use names its quality parameters; recycling shows a certificate and the chain; a condition must be in the contract', () => {
  const { qualityParameters: _q, ...unmeasured } = resold;
  const { certificateRef: _c, chain: _chain, ...recycled } = { ...harvested, routeId: 'recycle' as const };
  const buyBack = { ...resold, contractConditionId: 'buy-back' as const };
  expect(english(endOfUseRules(withItems(unmeasured, recycled, buyBack), sampleTenderDocuments))).toEqual([
    'items.0.qualityParameters: name the parameters that decide the quality no longer suffices, with their measured values',
    'items.1.certificateRef: the route "recycle" is proven by the processor\'s certificate',
    'items.1.chain: the route "recycle" passes the materials on: record where they go next',
    'items.2.contractConditionId: the contract has no end-of-use condition "buy-back" (it has: take-back)',
  ]);
  // Repaired and kept in use: nothing leaves, so nothing to measure against a threshold.
  const kept = { ...unmeasured, routeId: 'repair-keep' as const };
  expect(english(endOfUseRules(withItems(kept), sampleTenderDocuments))).toEqual([]);
});

test('a quality parameter that no longer suffices names its threshold', () => {
  const failing = {
    ...resold,
    qualityParameters: [{ parameter: 'Seat foam compression', measured: '35%', sufficient: false }],
  };
  const parsed = endOfUseDeliverable.safeParse(withItems(failing));
  expect(parsed.success).toBe(false);
  expect(describeIssues(parsed.error!)).toBe(
    'items.0.qualityParameters.0.threshold: a parameter that no longer suffices names the threshold it falls short of',
  );
  const withThreshold = { ...failing.qualityParameters[0]!, threshold: 'at most 20%' };
  expect(
    endOfUseDeliverable.safeParse(withItems({ ...failing, qualityParameters: [withThreshold] })).success,
  ).toBe(true);
});

test('the step-6 digest shows per item the chain, the contract condition, the measured quality and the certificate', () => {
  const digest = submissionDigest(
    'end-of-use',
    sampleEndOfUse,
    sampleNeed,
    sampleAmbitions,
    undefined,
    sampleTenderDocuments,
  );
  expect(digest.en.slice(1)).toEqual([
    'Office chairs, good condition ×180: External reuse (sale, donation) → Circulair Meubel NV (resale to schools) → Schools of the city of Ghent (Reuse in classrooms); quality: Seat foam compression 12% (threshold at most 20%), Gas lift holds height yes, 180 of 180',
    'Office chairs, broken mechanisms ×100: Harvest parts → De Kringwinkel workshop → Galloo Gent (Steel frames shredded and smelted); contract: Take-back at end of use; quality: Tilt mechanism works no, broken on 100 (threshold works) — insufficient; certificate KW-2034-117',
  ]);
  expect(digest.nl[2]).toContain('contract: Terugnameplicht bij einde gebruik');
  expect(digest.nl[2]).toContain('voldoet niet');
});
