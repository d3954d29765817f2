/**
 * A few lines that summarise a submission for an approver (in emails and on the decision page),
 * in Dutch or English. Pure: the workflow computes it once per round.
 */
import { type GateId, type Locale, catalogue, label } from './catalogue';
import { endOfUseItemLines } from './end-of-use';
import { awardLegalLines, tenderLegalLines } from './legal-frame/digest';
import type { DeliverableByGate } from './schemas';

type Digest = Record<Locale, string[]>;

function both(build: (locale: Locale) => string[]): Digest {
  return { nl: build('nl'), en: build('en') };
}

const t = (locale: Locale, nl: string, en: string): string => (locale === 'nl' ? nl : en);

function clip(text: string, max = 160): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

type NeedChoice = 'share' | 'reuse' | 'refurbish' | 'upgrade' | 'need-gone';
const NEED_CHOICES: Record<NeedChoice, Record<Locale, string>> = {
  share: { nl: 'delen', en: 'share' },
  reuse: { nl: 'hergebruiken', en: 'reuse' },
  refurbish: { nl: 'opknappen', en: 'refurbish' },
  upgrade: { nl: 'upgraden', en: 'upgrade' },
  'need-gone': { nl: 'de nood is verdwenen', en: 'the need has gone' },
};
const SCOPE_KINDS: Record<string, Record<Locale, string>> = {
  product: { nl: 'product', en: 'product' },
  service: { nl: 'dienst', en: 'service' },
  'product-service': { nl: 'product en dienst', en: 'product and service' },
};
const choice = (id: NeedChoice, l: Locale) => NEED_CHOICES[id][l];

/** Refurbishing or upgrading what exists (step 1's choice), when that is what the purchase is. */
export function refurbishedInventory(
  need: DeliverableByGate['circular-need'] | undefined,
):
  { route: 'refurbish' | 'upgrade'; inventory: DeliverableByGate['circular-need']['inventory'] } | undefined {
  if (need?.decision.outcome !== 'purchase') return undefined;
  const route = need.decision.route;
  return route === 'refurbish' || route === 'upgrade' ? { route, inventory: need.inventory } : undefined;
}

/**
 * `need`: the approved step-1 deliverable, when there is one; a tender for refurbishing or
 * upgrading names the inventory it is about. `tender`: the step-4 deliverable, whose execution
 * conditions step 6 shows per item.
 */
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

export function submissionDigest<G extends GateId>(
  gate: G,
  data: DeliverableByGate[G],
  need?: DeliverableByGate['circular-need'],
  ambitions?: DeliverableByGate['circular-ambitions'],
  tender?: DeliverableByGate['tender-documents'],
): Digest {
  switch (gate) {
    case 'circular-need': {
      const need = data as DeliverableByGate['circular-need'];
      const decision = need.decision;
      return both((l) => [
        `${t(l, 'Functionele nood', 'Functional need')}: ${clip(need.functionalNeed)}`,
        `${t(l, 'Inventaris', 'Inventory')}: ${need.inventory.length} ${t(l, 'controle(s)', 'check(s)')}`,
        `${t(l, 'Haalbare alternatieven', 'Feasible alternatives')}: ${
          need.alternatives
            .filter((a) => a.feasible)
            .map((a) => choice(a.kind, l))
            .join(', ') || t(l, 'geen', 'none')
        }`,
        decision.outcome === 'purchase'
          ? `${t(l, 'Beslissing', 'Decision')}: ${
              decision.route && decision.route !== 'new'
                ? t(
                    l,
                    `aankopen: de bestaande inventaris ${choice(decision.route, l)} (een dienst)`,
                    `purchase: ${choice(decision.route, l)} the existing inventory (a service)`,
                  )
                : t(l, 'aankopen', 'purchase')
            }`
          : `${t(l, 'Beslissing', 'Decision')}: ${t(l, 'niet aankopen', 'no purchase')} (${choice(decision.alternative, l)})`,
      ]);
    }
    case 'circular-ambitions': {
      const ambitions = data as DeliverableByGate['circular-ambitions'];
      return both((l) => [
        ...ambitions.objectives.map(
          (o) =>
            `${label(catalogue.ambition_objectives.items, o.objectiveId, l)}: ${o.strategies.length} ${t(
              l,
              'strategie(ën)',
              'strateg(y/ies)',
            )}; ${clip(o.indicator.description, 80)} (${t(l, 'nulmeting', 'baseline')} ${o.baseline.value} ${o.indicator.unit})`,
        ),
        `${t(l, 'Interne actoren', 'Internal actors')}: ${ambitions.internalActors.length}`,
        // Absent in deliverables submitted before the fields existed.
        ...(ambitions.ambitionLevel
          ? [
              `${t(l, 'Ambitie op korte termijn', 'Ambition, short term')}: ${clip(ambitions.ambitionLevel.shortTerm, 100)}`,
              `${t(l, 'Ambitie op lange termijn', 'Ambition, long term')}: ${clip(ambitions.ambitionLevel.longTerm, 100)}`,
            ]
          : []),
        ...(ambitions.conversation
          ? [`${t(l, 'Waarom circulair', 'Why circular')}: ${clip(ambitions.conversation.whyCircular, 100)}`]
          : []),
      ]);
    }
    case 'market-dialogue': {
      const dialogue = data as DeliverableByGate['market-dialogue'];
      if (dialogue.mode === 'skipped') {
        return both((l) => [
          `${t(l, 'Marktdialoog overgeslagen', 'Market dialogue skipped')}: ${clip(dialogue.reason)}`,
        ]);
      }
      const suppliers = dialogue.suppliers ?? [];
      return both((l) => [
        ...dialogue.dialogues.map(
          (d) =>
            `${label(catalogue.market_dialogue_forms.items, d.form, l)} (${d.date}, ${d.participants} ${t(
              l,
              'deelnemers',
              'participants',
            )}): ${clip(d.findings, 100)}`,
        ),
        ...(suppliers.length > 0
          ? [
              `${t(l, 'Longlist', 'Longlist')}: ${suppliers.length} ${t(l, 'leverancier(s) benaderd', 'supplier(s) approached')}, ${
                suppliers.filter((supplier) => supplier.tookPart).length
              } ${t(l, 'namen deel', 'took part')}`,
            ]
          : []),
        ...(dialogue.sharedWithMarket
          ? [
              dialogue.sharedWithMarket.definitions
                ? t(
                    l,
                    'Ambitieniveau en definities gedeeld met de markt',
                    'Ambition level and definitions shared with the market',
                  )
                : t(
                    l,
                    'Ambitieniveau gedeeld met de markt (de definities niet)',
                    'Ambition level shared with the market (not the definitions)',
                  ),
            ]
          : []),
      ]);
    }
    case 'tender-documents': {
      const tender = data as DeliverableByGate['tender-documents'];
      return both((l) => [
        `${t(l, 'Procedure', 'Procedure')}: ${label(catalogue.procurement_procedures.items, tender.procedure, l)}`,
        `${t(l, 'Looptijd', 'Term')}: ${tender.scope.contractTermMonths} ${t(l, 'maanden', 'months')} (${SCOPE_KINDS[tender.scope.kind]?.[l] ?? tender.scope.kind})`,
        ...inventoryLines(refurbishedInventory(need), l),
        `${t(l, 'Gunningscriteria', 'Award criteria')}: ${tender.awardCriteria.map((c) => `${c.name} ${c.weight}%`).join(', ')}`,
        `${t(l, 'Uitvoeringsvoorwaarden', 'Execution conditions')}: ${tender.executionConditions.length}`,
        ...tenderLegalLines(tender.procedure, tender.legalFrame, l),
      ]);
    }
    case 'award': {
      const award = data as DeliverableByGate['award'];
      return both((l) => [
        `${t(l, 'Leverancier', 'Supplier')}: ${award.supplier.name}`,
        `${t(l, 'Contract', 'Contract')}: ${award.contractStart} → ${award.contractEnd}`,
        `${t(l, 'Contractbeheerder', 'Contract manager')}: ${award.contractManager.name}`,
        `${t(l, 'Opvolging', 'Follow-up')}: ${everyMonths(award.followUpCadence.reviewEveryMonths, l)}`,
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
        ...evaluation.lessons.slice(0, 3).map((lesson) => `${t(l, 'Les', 'Lesson')}: ${clip(lesson, 120)}`),
      ]);
    }
  }
  return { nl: [], en: [] };
}

/** The inventory a refurbishing or upgrading tender is about, as step 1 recorded it. */
function inventoryLines(refurbished: ReturnType<typeof refurbishedInventory>, l: Locale): string[] {
  if (!refurbished) return [];
  const items = refurbished.inventory.map((item) => `${item.what} (${item.where})`).join('; ');
  return [
    `${t(l, `Voorwerp: de bestaande inventaris ${choice(refurbished.route, l)}`, `Subject: ${choice(refurbished.route, l)} the existing inventory`)}: ${clip(items, 240)}`,
  ];
}
