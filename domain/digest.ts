/**
 * A few lines that summarise a submission for an approver (in emails and on the decision page),
 * in Dutch or English. Pure: the workflow computes it once per round.
 */
import { type GateId, type Locale, catalogue, label } from './catalogue';
import { ambitionLevelAfterDialogue, objectivesAfterDialogue } from './ambitions-after-dialogue';
import {
  adjustedAmbitionLevelLines,
  ambitionsLines,
  choice,
  dialogueLines,
  inventoryItemText,
  needLines,
  objectiveTargetLines,
} from './digest-preparation';
import { type Digest, both, clip, t } from './digest-text';
import { endOfUseItemLines } from './end-of-use';
import { awardLegalLines, tenderLegalLines } from './legal-frame/digest';
import type { DeliverableByGate } from './schemas';
import { awardLifetimeLines, tenderDigestLines } from './tender/digest';

const SCOPE_KINDS: Record<string, Record<Locale, string>> = {
  product: { nl: 'product', en: 'product' },
  service: { nl: 'dienst', en: 'service' },
  'product-service': { nl: 'product en dienst', en: 'product and service' },
};

/** Refurbishing or upgrading what exists (step 1's choice), when that is what the purchase is. */
export function refurbishedInventory(
  need: DeliverableByGate['circular-need'] | undefined,
):
  { route: 'refurbish' | 'upgrade'; inventory: DeliverableByGate['circular-need']['inventory'] } | undefined {
  if (need?.decision.outcome !== 'purchase') return undefined;
  const route = need.decision.route;
  return route === 'refurbish' || route === 'upgrade' ? { route, inventory: need.inventory } : undefined;
}

const TARGET_MET: Record<DeliverableByGate['evaluate']['targetMet'], Record<Locale, string>> = {
  yes: { nl: 'ja', en: 'yes' },
  partial: { nl: 'gedeeltelijk', en: 'partly' },
  no: { nl: 'nee', en: 'no' },
  'not-applicable': { nl: 'niet van toepassing', en: 'not applicable' },
};

const euros = (amount: number, l: Locale): string =>
  new Intl.NumberFormat(l === 'nl' ? 'nl-BE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }).format(amount);

const everyMonths = (months: number, l: Locale): string =>
  months === 1
    ? t(l, 'elke maand', 'every month')
    : t(l, `om de ${months} maanden`, `every ${months} months`);

/**
 * `need`, `ambitions`, `dialogue`, `tender`: the earlier steps' deliverables, when there are: a
 * tender for refurbishing or upgrading names the inventory it is about; the tender and the
 * evaluation show the objectives' targets as the market dialogue adjusted them; step 6 shows per
 * item the tender's execution condition that applies.
 */
export function submissionDigest<G extends GateId>(
  gate: G,
  data: DeliverableByGate[G],
  need?: DeliverableByGate['circular-need'],
  ambitions?: DeliverableByGate['circular-ambitions'],
  dialogue?: DeliverableByGate['market-dialogue'],
  tender?: DeliverableByGate['tender-documents'],
): Digest {
  const objectives = objectivesAfterDialogue(ambitions, dialogue);
  const ambitionLevel = ambitionLevelAfterDialogue(ambitions, dialogue);
  switch (gate) {
    case 'circular-need':
      return both((l) => needLines(data as DeliverableByGate['circular-need'], l));
    case 'circular-ambitions':
      return both((l) => ambitionsLines(data as DeliverableByGate['circular-ambitions'], l));
    case 'market-dialogue':
      return both((l) => dialogueLines(data as DeliverableByGate['market-dialogue'], l));
    case 'tender-documents': {
      const tender = data as DeliverableByGate['tender-documents'];
      return both((l) => [
        `${t(l, 'Procedure', 'Procedure')}: ${label(catalogue.procurement_procedures.items, tender.procedure, l)}`,
        `${t(l, 'Looptijd', 'Term')}: ${tender.scope.contractTermMonths} ${t(l, 'maanden', 'months')} (${SCOPE_KINDS[tender.scope.kind]?.[l] ?? tender.scope.kind})`,
        ...inventoryLines(refurbishedInventory(need), l),
        ...objectiveTargetLines(objectives, l),
        ...adjustedAmbitionLevelLines(ambitionLevel, l),
        `${t(l, 'Gunningscriteria', 'Award criteria')}: ${tender.awardCriteria.map((c) => `${c.name} ${c.weight}%`).join(', ')}`,
        `${t(l, 'Uitvoeringsvoorwaarden', 'Execution conditions')}: ${tender.executionConditions.length}`,
        ...tenderLegalLines(tender.procedure, tender.legalFrame, l),
        // Steps 2 and 3 beside the tender: the objectives it serves, what the market said.
        ...tenderDigestLines(tender, l, ambitions, dialogue),
      ]);
    }
    case 'award': {
      const award = data as DeliverableByGate['award'];
      return both((l) => [
        `${t(l, 'Leverancier', 'Supplier')}: ${award.supplier.name}`,
        `${t(l, 'Contract', 'Contract')}: ${award.contractStart} → ${award.contractEnd}`,
        `${t(l, 'Contractbeheerder', 'Contract manager')}: ${award.contractManager.name}`,
        `${t(l, 'Opvolging', 'Follow-up')}: ${everyMonths(award.followUpCadence.reviewEveryMonths, l)}`,
        ...awardLifetimeLines(award, l),
        ...awardLegalLines(award.legalFrame, l),
      ]);
    }
    case 'end-of-use': {
      const endOfUse = data as DeliverableByGate['end-of-use'];
      const realised = endOfUse.items.some((item) => item.residualValueEur !== undefined)
        ? endOfUse.items.reduce((sum, item) => sum + (item.residualValueEur ?? 0), 0)
        : undefined;
      const expected = ambitions?.tco?.expectedResidualValueEur;
      const residual = (l: Locale) =>
        realised === undefined && expected === undefined
          ? []
          : [
              `${t(l, 'Gerealiseerde restwaarde', 'Residual value realised')}: ${realised === undefined ? t(l, 'geen', 'none') : euros(realised, l)}${
                expected === undefined
                  ? ''
                  : ` (${t(l, 'business case', 'business case')}: ${euros(expected, l)})`
              }`,
            ];
      return both((l) => [
        ...residual(l),
        ...endOfUse.items.map((item) => clip(endOfUseItemLines(item, tender, l), 400)),
      ]);
    }
    case 'evaluate': {
      const evaluation = data as DeliverableByGate['evaluate'];
      return both((l) => [
        `${t(l, 'Doelstelling gehaald', 'Target met')}: ${TARGET_MET[evaluation.targetMet][l]}`,
        ...objectiveTargetLines(objectives, l),
        ...evaluation.lessons.slice(0, 3).map((lesson) => `${t(l, 'Les', 'Lesson')}: ${clip(lesson, 120)}`),
      ]);
    }
  }
  return { nl: [], en: [] };
}

/** The inventory a refurbishing or upgrading tender is about, as step 1 recorded it. */
function inventoryLines(refurbished: ReturnType<typeof refurbishedInventory>, l: Locale): string[] {
  if (!refurbished) return [];
  const items = refurbished.inventory.map((item) => inventoryItemText(item, l)).join('; ');
  return [
    `${t(l, `Voorwerp: de bestaande inventaris ${choice(refurbished.route, l)}`, `Subject: ${choice(refurbished.route, l)} the existing inventory`)}: ${clip(items, 240)}`,
  ];
}

/** The deliverables a project holds, by gate (its state's `submissions`). */
export type SubmittedDeliverables = { [G in GateId]?: { data: DeliverableByGate[G] } | undefined };

/** A submission's digest read beside the project's other deliverables, which it refers to. */
export function digestInProject<G extends GateId>(
  gate: G,
  data: DeliverableByGate[G],
  submissions: SubmittedDeliverables,
): Digest {
  return submissionDigest(
    gate,
    data,
    submissions['circular-need']?.data,
    submissions['circular-ambitions']?.data,
    submissions['market-dialogue']?.data,
    submissions['tender-documents']?.data,
  );
}
