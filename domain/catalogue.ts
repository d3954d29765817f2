/**
 * Typed access to the circular procurement catalogue (domain/catalogue.json, copied from the
 * product brief). Ids are stored in workflow state; labels (nl/en) are only for people.
 */
import catalogueJson from './catalogue.json';

export type Locale = 'nl' | 'en';
export const LOCALES = ['nl', 'en'] as const satisfies readonly Locale[];

export interface Labelled {
  id: string;
  nl: string;
  en: string;
}

export const catalogue = catalogueJson;

/** Step ids in process order; a test checks them against the catalogue. */
export const STEP_IDS = [
  'circular-need',
  'circular-ambitions',
  'market-dialogue',
  'specify-and-award',
  'use-and-execution',
  'end-of-use',
  'evaluate',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * An approval gate: each preparation step has one, step 4 has two (tender documents, then the
 * award). Step 5 has none: it runs on the contract's timers.
 */
export const GATE_IDS = [
  'circular-need',
  'circular-ambitions',
  'market-dialogue',
  'tender-documents',
  'award',
  'end-of-use',
  'evaluate',
] as const;
export type GateId = (typeof GATE_IDS)[number];

export const GATE_STEP: Record<GateId, StepId> = {
  'circular-need': 'circular-need',
  'circular-ambitions': 'circular-ambitions',
  'market-dialogue': 'market-dialogue',
  'tender-documents': 'specify-and-award',
  award: 'specify-and-award',
  'end-of-use': 'end-of-use',
  evaluate: 'evaluate',
};

export const GATE_LABELS: Record<GateId, Record<Locale, string>> = {
  'circular-need': { nl: 'Circulaire behoefte', en: 'Circular need' },
  'circular-ambitions': { nl: 'Circulaire ambities', en: 'Circular ambitions' },
  'market-dialogue': { nl: 'Dialoog met de markt', en: 'Market dialogue' },
  'tender-documents': { nl: 'Bestek (opdrachtdocumenten)', en: 'Specify: tender documents' },
  award: { nl: 'Gunnen', en: 'Award' },
  'end-of-use': { nl: 'Einde gebruik', en: 'End of use' },
  evaluate: { nl: 'Evalueren', en: 'Evaluate' },
};

export function gatesOfStep(step: StepId): GateId[] {
  return GATE_IDS.filter((gate) => GATE_STEP[gate] === step);
}

export interface CatalogueStep extends Labelled {
  order: number;
  summary_nl: string;
  summary_en: string;
  default_approver_roles: string[];
}

export function stepInfo(step: StepId): CatalogueStep {
  const found = catalogue.steps.find((s) => s.id === step);
  if (!found) throw new Error(`step ${step} is missing from the catalogue`);
  return found;
}

export function stepNumber(step: StepId): number {
  return STEP_IDS.indexOf(step) + 1;
}

/** Human label of a catalogue entry or the id itself when it is not found (never throws). */
export function label(list: readonly Labelled[], id: string, locale: Locale): string {
  return list.find((entry) => entry.id === id)?.[locale] ?? id;
}

export function stepLabel(step: StepId, locale: Locale): string {
  return `${stepNumber(step)}. ${stepInfo(step)[locale]}`;
}

/** A non-empty tuple of ids, as `z.enum` wants it. */
function ids<T extends { id: string }>(list: readonly T[]): [string, ...string[]] {
  const [first, ...rest] = list.map((entry) => entry.id);
  if (first === undefined) throw new Error('empty catalogue list');
  return [first, ...rest];
}

export const ROLE_IDS = ids(catalogue.roles);
export const OBJECTIVE_IDS = ids(catalogue.ambition_objectives.items);
export const DIALOGUE_FORM_IDS = ids(catalogue.market_dialogue_forms.items);
export const PROCEDURE_IDS = ids(catalogue.procurement_procedures.items);
export const AWARD_BASIS_IDS = ids(catalogue.award_criteria_kinds);
export const SME_ALTERNATIVE_IDS = ids(catalogue.sme_selection_alternatives);
export const EXECUTION_CONDITION_IDS = ids(catalogue.execution_condition_examples);
export const KPI_IDS = ids(catalogue.contract_kpis);
export const ROUTE_IDS = ids(catalogue.valorisation_routes.items);
export const CHANNEL_IDS = ids(catalogue.valorisation_routes.channels);
export const SHARING_PLATFORM_IDS = ids(catalogue.sharing_platforms);

export function strategiesOf(objectiveId: string): string[] {
  return (
    catalogue.ambition_objectives.items.find((o) => o.id === objectiveId)?.strategies.map((s) => s.id) ?? []
  );
}

/** A contract KPI's unit in the reader's language ("uren", "% van de gebruikers"); '' for an unknown KPI. */
export function kpiUnit(kpiId: string, locale: Locale): string {
  const kpi = catalogue.contract_kpis.find((k) => k.id === kpiId);
  if (!kpi) return '';
  return locale === 'nl' ? kpi.unit_nl : kpi.unit;
}

export function routeRank(routeId: string): number {
  return catalogue.valorisation_routes.items.find((r) => r.id === routeId)?.rank ?? Number.POSITIVE_INFINITY;
}

export function defaultApproverRoles(step: StepId): string[] {
  return stepInfo(step).default_approver_roles;
}

/** A tool or publication of the source text, with its link in the reader's language where there is one. */
export interface StepTool {
  id: string;
  label: Record<Locale, string>;
  url: Record<Locale, string>;
}

type Source = { url: string; url_en?: string };

/** The tools that help at a step (catalogue `tools`), in catalogue order. */
export function toolsOfStep(step: StepId): StepTool[] {
  const sources = catalogue.sources as Record<string, Source>;
  return catalogue.tools.items
    .filter((tool) => tool.step === step)
    .flatMap((tool) => {
      const source = sources[tool.source];
      if (!source) return [];
      return [
        {
          id: tool.id,
          label: { nl: tool.nl, en: tool.en },
          url: { nl: source.url, en: source.url_en ?? source.url },
        },
      ];
    });
}

/** Follow-up moment kinds are named after the catalogue's follow-up cadence items. */
const CADENCE_ITEM_OF_MOMENT = {
  'kick-off': 'kick-off',
  'periodic-review': 'kpi-review',
  'strategic-review': 'strategic-review',
};

const MOMENT_LABELS: Record<string, Record<Locale, string>> = Object.fromEntries(
  Object.entries(CADENCE_ITEM_OF_MOMENT).map(([kind, item]) => [
    kind,
    {
      nl: label(catalogue.follow_up_cadence.items, item, 'nl'),
      en: label(catalogue.follow_up_cadence.items, item, 'en'),
    },
  ]),
);

/** A follow-up moment's kind in words ("kick-off meeting"); an unknown kind is shown as it is. */
export const momentKindLabel = (kind: string, locale: Locale): string =>
  MOMENT_LABELS[kind]?.[locale] ?? kind;
