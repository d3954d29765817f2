/**
 * The procedure checked against the thresholds in force on a date: pure, so the API, the
 * workflow's validator and the digest on the decision page give the same answer.
 *
 * A refusal is a procedure the law allows only below an amount (accepted invoice; the simplified
 * negotiated procedure with publication). A warning is a procedure the law allows above the amount
 * on other grounds (art. 38 and 42): the approvers (legal among them) must see that ground named.
 */
import type { Locale } from '../catalogue';
import thresholdsJson from './thresholds.json';

export const BUYER_TYPES = ['central', 'sub-central'] as const;
export type BuyerType = (typeof BUYER_TYPES)[number];
export const CONTRACT_TYPES = ['works', 'supplies', 'services'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export type ThresholdId =
  | 'eu-works'
  | 'eu-supplies-services'
  | 'accepted-invoice'
  | 'negotiated-no-publication-value'
  | 'simplified-negotiation-works';

export interface Threshold {
  id: ThresholdId;
  contractTypes: readonly ContractType[];
  buyerTypes: readonly BuyerType[];
  amountEur: number;
  validFrom: string;
  validTo: string | null;
  source: string;
}

export const THRESHOLDS = thresholdsJson.thresholds as readonly Threshold[];

export interface EstimatedValue {
  /** The base contract, excluding VAT. */
  baseEur: number;
  optionsEur: number;
  extensionsEur: number;
}

/** What the law compares with a threshold: the whole value, options and extensions included. */
export const totalValue = (value: EstimatedValue): number =>
  value.baseEur + value.optionsEur + value.extensionsEur;

/** The row of `id` that holds on `date` for this contract and buyer, or undefined outside every period. */
export function thresholdOn(
  id: ThresholdId,
  date: string,
  contractType: ContractType,
  buyerType: BuyerType,
  table: readonly Threshold[] = THRESHOLDS,
): Threshold | undefined {
  return table.find(
    (row) =>
      row.id === id &&
      row.contractTypes.includes(contractType) &&
      row.buyerTypes.includes(buyerType) &&
      row.validFrom <= date &&
      (row.validTo === null || date <= row.validTo),
  );
}

export interface ProcedureCheckInput {
  procedure: string;
  contractType: ContractType;
  buyerType: BuyerType;
  estimatedValue: EstimatedValue;
  /** The date the procedure starts (publication, or the invitation when there is none). */
  date: string;
}

export type Reason = Record<Locale, string>;

export interface ProcedureCheck {
  verdict: 'ok' | 'warning' | 'refusal';
  reasons: Reason[];
  totalEur: number;
  /** The EU threshold in force, when one is recorded for the date. */
  euThresholdEur?: number;
  /** At or above the EU threshold: the notice goes to the EU's Official Journal (TED) too. */
  europeanPublication: boolean;
}

/** Whole euros grouped by thousands, without Intl (the same in every runtime): "216.000" / "216,000". */
function grouped(amount: number, separator: string): string {
  return String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** An amount in each language's notation: "€ 216.000" and "€216,000". */
export const euroAmount = (amount: number, locale: Locale): string =>
  locale === 'nl' ? `€ ${grouped(amount, '.')}` : `€${grouped(amount, ',')}`;

type Amount = (n: number) => string;
function reason(nl: (a: Amount) => string, en: (a: Amount) => string): Reason {
  return { nl: nl((n) => euroAmount(n, 'nl')), en: en((n) => euroAmount(n, 'en')) };
}

export function checkProcedure(input: ProcedureCheckInput, table = THRESHOLDS): ProcedureCheck {
  const total = totalValue(input.estimatedValue);
  const at = (id: ThresholdId) => thresholdOn(id, input.date, input.contractType, input.buyerType, table);
  const eu = at(input.contractType === 'works' ? 'eu-works' : 'eu-supplies-services');
  const reasons: Reason[] = [];
  let verdict: ProcedureCheck['verdict'] = 'ok';
  const refuse = (r: Reason) => {
    verdict = 'refusal';
    reasons.push(r);
  };
  const warn = (r: Reason) => {
    if (verdict === 'ok') verdict = 'warning';
    reasons.push(r);
  };
  if (!eu) {
    warn({
      nl: `Voor ${input.date} zijn geen Europese drempels opgenomen: controleer de procedure zelf.`,
      en: `No EU thresholds are recorded for ${input.date}: check the procedure yourself.`,
    });
  }
  switch (input.procedure) {
    case 'low-value-accepted-invoice': {
      const limit = at('accepted-invoice');
      if (limit && total >= limit.amountEur)
        refuse(
          reason(
            (a) =>
              `Een aanvaarde factuur kan alleen onder ${a(limit.amountEur)} excl. btw (art. 92 wet 17 juni 2016); de geraamde waarde met opties en verlengingen is ${a(total)}.`,
            (a) =>
              `An accepted invoice is allowed only below ${a(limit.amountEur)} excl. VAT (art. 92 of the law of 17 June 2016); the estimated value with options and extensions is ${a(total)}.`,
          ),
        );
      break;
    }
    case 'simplified-negotiation-publication': {
      const limit = input.contractType === 'works' ? at('simplified-negotiation-works') : eu;
      if (limit && total >= limit.amountEur)
        refuse(
          reason(
            (a) =>
              `De vereenvoudigde onderhandelingsprocedure met bekendmaking kan alleen onder ${a(limit.amountEur)} (art. 41 wet 17 juni 2016); de geraamde waarde met opties en verlengingen is ${a(total)}.`,
            (a) =>
              `The simplified negotiated procedure with publication is allowed only below ${a(limit.amountEur)} (art. 41 of the law of 17 June 2016); the estimated value with options and extensions is ${a(total)}.`,
          ),
        );
      break;
    }
    case 'negotiated-no-publication': {
      const limit = at('negotiated-no-publication-value');
      if (limit && total >= limit.amountEur)
        warn(
          reason(
            (a) =>
              `Vanaf ${a(limit.amountEur)} kan een onderhandelingsprocedure zonder bekendmaking alleen op een andere grond van art. 42 wet 17 juni 2016 (bv. dwingende spoed, één mogelijke ondernemer): noem die grond in de motivering.`,
            (a) =>
              `From ${a(limit.amountEur)} on, a negotiated procedure without publication is allowed only on another ground of art. 42 of the law of 17 June 2016 (e.g. extreme urgency, a single possible supplier): name that ground in the justification.`,
          ),
        );
      break;
    }
    case 'competitive-negotiation': {
      if (eu && total >= eu.amountEur)
        warn(
          reason(
            (a) =>
              `Boven de Europese drempel van ${a(eu.amountEur)} kan de mededingingsprocedure met onderhandeling alleen op een grond van art. 38 wet 17 juni 2016 (bv. aanpassing van beschikbare oplossingen nodig, innovatie): noem die grond in de motivering.`,
            (a) =>
              `Above the EU threshold of ${a(eu.amountEur)}, the competitive procedure with negotiation is allowed only on a ground of art. 38 of the law of 17 June 2016 (e.g. available solutions need adapting, innovation): name that ground in the justification.`,
          ),
        );
      break;
    }
  }
  return {
    verdict,
    reasons,
    totalEur: total,
    ...(eu ? { euThresholdEur: eu.amountEur } : {}),
    europeanPublication: eu !== undefined && total >= eu.amountEur,
  };
}
