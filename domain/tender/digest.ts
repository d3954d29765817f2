/**
 * The tender documents in the lines an approver reads (approval mail and decision page), beside
 * what steps 2 and 3 said: the cost model, the term set against the lifetime and the standard,
 * lots and variants, what the market said, and the warnings of domain/tender/trace.ts.
 */
import { type Locale, catalogue, label } from '../catalogue';
import { euroAmount } from '../legal-frame/thresholds';
import type { DeliverableByGate } from '../schemas';
import { STANDARD_TERM_MONTHS, totalTermMonths } from '../schemas/tender-rules';
import { tenderWarnings } from './trace';

type Tender = DeliverableByGate['tender-documents'];
type Ambitions = DeliverableByGate['circular-ambitions'];
type Dialogue = DeliverableByGate['market-dialogue'];

const t = (l: Locale, nl: string, en: string): string => (l === 'nl' ? nl : en);

function clip(text: string, max: number): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

const COST_MODELS: Record<Tender['scope']['costModel'], Record<Locale, string>> = {
  tco: { nl: 'meegenomen (total cost of ownership)', en: 'reckoned (total cost of ownership)' },
  lcc: { nl: 'meegenomen (levenscycluskosten)', en: 'reckoned (life-cycle cost)' },
  none: { nl: 'niet meegenomen', en: 'not reckoned' },
};

function costLine(tender: Tender, ambitions: Ambitions | undefined, l: Locale): string {
  const { costModel, costEstimateEur } = tender.scope;
  const estimate = costEstimateEur === undefined ? '' : `: ${euroAmount(costEstimateEur, l)}`;
  const businessCase = ambitions?.tco?.estimateEur;
  return `TCO: ${COST_MODELS[costModel][l]}${estimate}${
    businessCase === undefined
      ? ''
      : ` (${t(l, 'business case stap 2', 'business case of step 2')}: ${euroAmount(businessCase, l)})`
  }`;
}

function termLines(tender: Tender, l: Locale): string[] {
  const { scope } = tender;
  const total = totalTermMonths(scope);
  const lifetime =
    scope.functionalLifetimeYears === undefined
      ? ''
      : `; ${t(l, 'functionele levensduur', 'functional lifetime')} ${scope.functionalLifetimeYears} ${t(l, 'jaar', 'years')}`;
  const lines = [
    `${t(l, 'Looptijd met verlengingen', 'Term with extensions')}: ${total} ${t(l, 'maanden', 'months')} (${t(l, 'standaard', 'standard')} ${STANDARD_TERM_MONTHS})${lifetime}`,
  ];
  if (scope.longerTermReason)
    lines.push(`${t(l, 'Waarom langer', 'Why longer')}: ${clip(scope.longerTermReason, 160)}`);
  if (scope.payback)
    lines.push(
      scope.payback.askedOfMarket && scope.payback.realisticYears !== undefined
        ? `${t(l, 'Terugverdientijd volgens de markt', 'Payback time according to the market')}: ${scope.payback.realisticYears} ${t(l, 'jaar', 'years')}`
        : t(l, 'Terugverdientijd niet bij de markt bevraagd', 'Payback time not asked of the market'),
    );
  return lines;
}

function choiceLines(tender: Tender, l: Locale): string[] {
  const lines: string[] = [];
  const { lots } = tender.scope;
  if (lots)
    lines.push(
      lots.divided
        ? `${t(l, 'Percelen', 'Lots')}: ${lots.count ?? '?'} (${clip(lots.reason, 120)})`
        : `${t(l, 'Niet in percelen', 'Not divided into lots')}: ${clip(lots.reason, 120)}`,
    );
  if (tender.variants)
    lines.push(
      tender.variants.allowed
        ? `${t(l, 'Varianten toegelaten', 'Variants allowed')}: ${clip(tender.variants.minimumRequirements ?? '', 120)}`
        : t(l, 'Varianten niet toegelaten', 'Variants not allowed'),
    );
  const sme = tender.selectionCriteria.flatMap((c) =>
    c.smeAlternative ? [label(catalogue.sme_selection_alternatives, c.smeAlternative, l)] : [],
  );
  lines.push(
    `${t(l, 'Selectiecriteria', 'Selection criteria')}: ${tender.selectionCriteria.length}${
      sme.length > 0 ? `; ${t(l, 'alternatief voor kmo’s', 'alternative for SMEs')}: ${sme.join('; ')}` : ''
    }`,
  );
  const growing = tender.awardCriteria.filter((c) => c.growthPath);
  if (growing.length > 0)
    lines.push(
      `${t(l, 'Groeitraject in de gunningscriteria', 'Growth path in the award criteria')}: ${clip(growing.map((c) => c.name).join(', '), 240)}`,
    );
  if (tender.ambitionsInTender?.included)
    lines.push(
      `${t(l, 'Circulaire ambities in het bestek', 'Circular ambitions in the tender')}: ${clip(tender.ambitionsInTender.where ?? '', 120)}`,
    );
  return lines;
}

/** "Wat de markt zei": step 3's findings, for the tender to ask only what is feasible. */
export function marketSaidLines(dialogue: Dialogue | undefined, l: Locale): string[] {
  if (!dialogue) return [];
  const heading = t(l, 'Wat de markt zei', 'What the market said');
  if (dialogue.mode === 'skipped')
    return [`${heading}: ${t(l, 'geen marktdialoog', 'no market dialogue')} (${clip(dialogue.reason, 120)})`];
  return [
    ...dialogue.dialogues
      .slice(0, 3)
      .map(
        (d) =>
          `${heading} (${label(catalogue.market_dialogue_forms.items, d.form, l)}, ${d.date}): ${clip(d.findings, 160)}`,
      ),
    ...(dialogue.ambitionAdjustment
      ? [`${t(l, 'Bijgestelde ambitie', 'Ambition adjusted')}: ${clip(dialogue.ambitionAdjustment, 120)}`]
      : []),
  ];
}

/** The tender's lines beyond procedure, criteria and legal frame (domain/digest.ts has those). */
export function tenderDigestLines(
  tender: Tender,
  l: Locale,
  ambitions?: Ambitions,
  dialogue?: Dialogue,
): string[] {
  return [
    costLine(tender, ambitions, l),
    ...termLines(tender, l),
    ...choiceLines(tender, l),
    ...marketSaidLines(dialogue, l),
    ...tenderWarnings(tender, ambitions, dialogue).map(
      (warning) => `${t(l, 'Let op', 'Note')}: ${warning[l]}`,
    ),
  ];
}

const DAY_MS = 86_400_000;

/** The award's contract set against the product's expected lifetime (source: "hou rekening met de functionele levensduur"). */
export function awardLifetimeLines(award: DeliverableByGate['award'], l: Locale): string[] {
  const days = (Date.parse(award.contractEnd) - Date.parse(award.contractStart)) / DAY_MS;
  const years = Math.round((days / 365.25) * 10) / 10;
  const format = (n: number) => n.toLocaleString(l === 'nl' ? 'nl-BE' : 'en-GB');
  const lines = [
    `${t(l, 'Verwachte levensduur', 'Expected lifetime')}: ${format(award.expectedLifetimeYears)} ${t(l, 'jaar', 'years')}; ${t(l, 'het contract loopt', 'the contract runs')} ${format(years)} ${t(l, 'jaar', 'years')}`,
  ];
  if (years > award.expectedLifetimeYears)
    lines.push(
      `${t(l, 'Let op', 'Note')}: ${t(l, 'het contract loopt langer dan de verwachte levensduur', 'the contract runs longer than the expected lifetime')}`,
    );
  return lines;
}
