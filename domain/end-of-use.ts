/**
 * Step 6 against what the contract agreed in step 4: which execution condition applies to each
 * item (6.1), and the rules a contract concluded under this version holds its end of use to —
 * the parameters that decide the quality (6.4), the chain beyond the first recipient and the
 * certificate where the route demands one (6.9). Pure functions.
 */
import { type Locale, catalogue, label } from './catalogue';
import type { DeliverableByGate } from './schemas';
import { type RuleProblem, ruleProblem } from './problems';

type Item = DeliverableByGate['end-of-use']['items'][number];
type Tender = DeliverableByGate['tender-documents'];

/** The execution conditions that govern the end of use (the others are about delivery or use). */
export const END_OF_USE_CONDITION_IDS = [
  'take-back',
  'buy-back',
  'destination-reporting',
  'certified-processing',
  'no-destruction',
] as const;

/** Routes whose processing is proven by a certificate of the processor. */
export const CERTIFIED_ROUTES: readonly Item['routeId'][] = ['recycle', 'energy-recovery', 'disposal'];
/** Routes where the materials pass on beyond the first recipient: the chain is recorded. */
export const CHAIN_ROUTES: readonly Item['routeId'][] = ['parts-harvesting', 'recycle', 'energy-recovery'];

/** The tender's execution conditions that govern the end of use, in the tender's order. */
export function contractualEndOfUseConditions(tender: Tender | undefined): string[] {
  const ids = (tender?.executionConditions ?? []).map((c) => c.conditionId);
  return ids.filter(
    (id, index): id is (typeof END_OF_USE_CONDITION_IDS)[number] =>
      (END_OF_USE_CONDITION_IDS as readonly string[]).includes(id) && ids.indexOf(id) === index,
  );
}

/**
 * The contract's condition that applies to an item: the one it names, or a take-back or buy-back
 * channel the contract agreed under that same name.
 */
export function applicableCondition(item: Item, tender: Tender | undefined): string | undefined {
  if (item.contractConditionId) return item.contractConditionId;
  const agreed = contractualEndOfUseConditions(tender);
  return item.channelId && agreed.includes(item.channelId) ? item.channelId : undefined;
}

export const conditionLabel = (id: string, locale: Locale): string =>
  label(catalogue.execution_condition_examples, id, locale);

/**
 * What a contract concluded under this version refuses in its end-of-use deliverable (older
 * contracts keep the rules they were concluded under: see `endOfUseRules` on the contract).
 */
export function endOfUseRules(
  endOfUse: DeliverableByGate['end-of-use'],
  tender: Tender | undefined,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const agreed = contractualEndOfUseConditions(tender);
  endOfUse.items.forEach((item, index) => {
    const at = `items.${index}`;
    if (item.routeId !== 'repair-keep' && !item.qualityParameters?.length)
      problems.push(ruleProblem('end-of-use.quality-parameters-missing', {}, `${at}.qualityParameters`));
    if (CERTIFIED_ROUTES.includes(item.routeId) && !item.certificateRef)
      problems.push(
        ruleProblem('end-of-use.certificate-missing', { route: item.routeId }, `${at}.certificateRef`),
      );
    if (CHAIN_ROUTES.includes(item.routeId) && !item.chain?.length)
      problems.push(ruleProblem('end-of-use.chain-missing', { route: item.routeId }, `${at}.chain`));
    if (item.contractConditionId && !agreed.includes(item.contractConditionId))
      problems.push(
        ruleProblem(
          'end-of-use.condition-not-agreed',
          { condition: item.contractConditionId, agreed: agreed.join(', ') },
          `${at}.contractConditionId`,
        ),
      );
  });
  return problems;
}

const tr = (locale: Locale, nl: string, en: string): string => (locale === 'nl' ? nl : en);

/**
 * One line per item for the approvers of step 6: its route and where it goes, down the chain; the
 * contract's condition that applies; and the parameters that decided its quality, with the values
 * measured.
 */
export function endOfUseItemLines(item: Item, tender: Tender | undefined, locale: Locale): string {
  const route = label(catalogue.valorisation_routes.items, item.routeId, locale);
  const chain = [
    item.recipient,
    ...(item.chain ?? []).map((link) => `${link.recipient} (${link.treatment})`),
  ];
  const condition = applicableCondition(item, tender);
  const parts = [`${item.description} ×${item.quantity}: ${route} → ${chain.join(' → ')}`];
  if (condition) parts.push(`${tr(locale, 'contract', 'contract')}: ${conditionLabel(condition, locale)}`);
  if (item.qualityParameters?.length)
    parts.push(
      `${tr(locale, 'kwaliteit', 'quality')}: ${item.qualityParameters
        .map(
          (q) =>
            `${q.parameter} ${q.measured}${q.threshold ? ` (${tr(locale, 'norm', 'threshold')} ${q.threshold})` : ''}${q.sufficient ? '' : ` — ${tr(locale, 'voldoet niet', 'insufficient')}`}`,
        )
        .join(', ')}`,
    );
  if (item.certificateRef) parts.push(`${tr(locale, 'certificaat', 'certificate')} ${item.certificateRef}`);
  return parts.join('; ');
}
