/**
 * The choices of the tender documents that must agree with each other (source, step 4, and the
 * law it leans on): the award basis with the criteria, the cost model with an award on cost, a
 * term above the standard with its reason, and the answers that need their detail.
 */
import type { z } from 'zod';
import { catalogue } from '../catalogue';
import { type ProblemCode, ruleProblem } from '../problems';
import { addProblemIssue } from './common';
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
function basisProblem(tender: Tender): ProblemCode | undefined {
  const kinds = tender.awardCriteria.map((criterion) => criterion.kind);
  const priced = kinds.filter((kind) => PRICE_OR_COST.includes(kind));
  const other = kinds.filter((kind) => !PRICE_OR_COST.includes(kind));
  switch (tender.awardBasis) {
    case 'price':
      return kinds.every((kind) => kind === 'price') ? undefined : 'tender.basis-price';
    case 'cost-lcc':
      return other.length === 0 && kinds.includes('cost') ? undefined : 'tender.basis-cost';
    case 'best-price-quality':
      return priced.length > 0 && other.length > 0 ? undefined : 'tender.basis-best-price-quality';
    case 'fixed-price-quality-only':
      return priced.length === 0 ? undefined : 'tender.basis-fixed-price';
  }
  return undefined;
}

export function checkTenderChoices(tender: Tender, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], problem: ReturnType<typeof ruleProblem>) =>
    addProblemIssue(ctx, path, problem);
  const basis = basisProblem(tender);
  if (basis) issue(['awardBasis'], ruleProblem(basis, {}));
  if (tender.scope.costModel === 'none') {
    if (tender.awardBasis === 'cost-lcc')
      issue(['scope', 'costModel'], ruleProblem('tender.cost-model-needed', {}));
    tender.awardCriteria.forEach((criterion, index) => {
      if (criterion.kind === 'cost')
        issue(['awardCriteria', index, 'kind'], ruleProblem('tender.cost-criterion-needs-model', {}));
    });
  }
  tender.selectionCriteria.forEach((criterion, index) => {
    const retired = catalogue.sme_selection_alternatives.find(
      (alternative) => alternative.id === criterion.smeAlternative,
    )?.retired;
    if (retired)
      issue(
        ['selectionCriteria', index, 'smeAlternative'],
        ruleProblem('tender.sme-alternative-retired', { nl: retired.nl, en: retired.en }),
      );
  });
  const total = totalTermMonths(tender.scope);
  if (total > STANDARD_TERM_MONTHS && !tender.scope.longerTermReason)
    issue(
      ['scope', 'longerTermReason'],
      ruleProblem('tender.longer-term-reason', { total, standard: STANDARD_TERM_MONTHS }),
    );
  const { payback, lots } = tender.scope;
  if (payback?.askedOfMarket && payback.realisticYears === undefined)
    issue(['scope', 'payback', 'realisticYears'], ruleProblem('tender.payback-years-missing', {}));
  if (lots?.divided && lots.count === undefined)
    issue(['scope', 'lots', 'count'], ruleProblem('tender.lots-count-missing', {}));
  if (lots && !lots.divided && lots.count !== undefined)
    issue(['scope', 'lots', 'count'], ruleProblem('tender.lots-count-not-applicable', {}));
  if (tender.variants?.allowed && !tender.variants.minimumRequirements)
    issue(['variants', 'minimumRequirements'], ruleProblem('tender.variants-minimum-missing', {}));
  if (tender.ambitionsInTender?.included && !tender.ambitionsInTender.where)
    issue(['ambitionsInTender', 'where'], ruleProblem('tender.ambitions-where-missing', {}));
}
