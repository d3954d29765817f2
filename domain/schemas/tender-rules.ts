/**
 * The choices of the tender documents that must agree with each other (source, step 4, and the
 * law it leans on): the award basis with the criteria, the cost model with an award on cost, a
 * term above the standard with its reason, and the answers that need their detail.
 */
import type { z } from 'zod';
import { catalogue } from '../catalogue';
import type { TenderDocumentsDeliverable } from './tender-documents';

/** The standard term (catalogue `legal_frame.standard_term`): longer needs a reason. */
export const STANDARD_TERM_MONTHS: number = catalogue.legal_frame.standard_term.months;

/** The longest the contract can run: its term and every extension option. */
export function totalTermMonths(scope: {
  contractTermMonths: number;
  extensionOptions: { months: number }[];
}): number {
  return scope.contractTermMonths + scope.extensionOptions.reduce((sum, option) => sum + option.months, 0);
}

type Tender = TenderDocumentsDeliverable;
type Kind = Tender['awardCriteria'][number]['kind'];
const PRICE_OR_COST: readonly Kind[] = ['price', 'cost'];

/** Why the criteria do not fit the award basis (art. 81 of the law of 17 June 2016), or undefined. */
function basisProblem(tender: Tender): string | undefined {
  const kinds = tender.awardCriteria.map((criterion) => criterion.kind);
  const priced = kinds.filter((kind) => PRICE_OR_COST.includes(kind));
  const other = kinds.filter((kind) => !PRICE_OR_COST.includes(kind));
  switch (tender.awardBasis) {
    case 'price':
      return kinds.every((kind) => kind === 'price')
        ? undefined
        : 'an award on price alone has only `price` criteria: choose best-price-quality to weigh circularity or quality';
    case 'cost-lcc':
      return other.length === 0 && kinds.includes('cost')
        ? undefined
        : 'an award on cost (life-cycle cost / TCO) has a `cost` criterion and no quality or circularity criteria: choose best-price-quality to weigh those';
    case 'best-price-quality':
      return priced.length > 0 && other.length > 0
        ? undefined
        : 'the best price-quality ratio weighs a price or cost criterion and at least one quality, circularity or other criterion';
    case 'fixed-price-quality-only':
      return priced.length === 0
        ? undefined
        : 'with a fixed price the offers compete on quality only: no `price` or `cost` criterion';
  }
  return undefined;
}

export function checkTenderChoices(tender: Tender, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const basis = basisProblem(tender);
  if (basis) issue(['awardBasis'], basis);
  if (tender.scope.costModel === 'none') {
    if (tender.awardBasis === 'cost-lcc')
      issue(
        ['scope', 'costModel'],
        'an award on cost (life-cycle cost / TCO) reckons the cost: choose `tco` or `lcc`',
      );
    tender.awardCriteria.forEach((criterion, index) => {
      if (criterion.kind === 'cost')
        issue(
          ['awardCriteria', index, 'kind'],
          'a `cost` criterion reckons the life-cycle cost or TCO: set `scope.costModel` to `tco` or `lcc`',
        );
    });
  }
  tender.selectionCriteria.forEach((criterion, index) => {
    const retired = catalogue.sme_selection_alternatives.find(
      (alternative) => alternative.id === criterion.smeAlternative,
    )?.retired;
    if (retired)
      issue(['selectionCriteria', index, 'smeAlternative'], `no longer an alternative: ${retired.en}`);
  });
  const total = totalTermMonths(tender.scope);
  if (total > STANDARD_TERM_MONTHS && !tender.scope.longerTermReason)
    issue(
      ['scope', 'longerTermReason'],
      `the contract can run ${total} months with its extensions, longer than the standard ${STANDARD_TERM_MONTHS}: give the reason (the functional lifetime, the payback time of the investments)`,
    );
  const { payback, lots } = tender.scope;
  if (payback?.askedOfMarket && payback.realisticYears === undefined)
    issue(
      ['scope', 'payback', 'realisticYears'],
      'the market was asked: record the payback time it found realistic',
    );
  if (lots?.divided && lots.count === undefined)
    issue(['scope', 'lots', 'count'], 'a contract divided into lots says into how many');
  if (lots && !lots.divided && lots.count !== undefined)
    issue(['scope', 'lots', 'count'], 'a contract not divided into lots has no count of lots');
  if (tender.variants?.allowed && !tender.variants.minimumRequirements)
    issue(
      ['variants', 'minimumRequirements'],
      'variants are allowed: state the minimum requirements they must meet',
    );
  if (tender.ambitionsInTender?.included && !tender.ambitionsInTender.where)
    issue(['ambitionsInTender', 'where'], 'say where the tender states the circular ambitions');
}
