/**
 * The words for a choice's options: catalogue entries by their catalogue label (nl/en), the
 * schemas' own small enums from a dictionary here, anything else under its id made readable.
 * Also the free-text fields whose values are catalogue ids (the strategies of an objective).
 */
import { type Labelled, type Locale, catalogue, label, strategiesOf } from '../../domain/catalogue';
import { humanise } from './labels';

const objectives = catalogue.ambition_objectives.items;
const strategies: Labelled[] = objectives.flatMap((objective) => objective.strategies);
const procedures = catalogue.procurement_procedures.items;

/** Catalogue lists by the last part of a field pattern. */
const CATALOGUE_LISTS: Record<string, readonly Labelled[]> = {
  objectiveId: objectives,
  strategies,
  form: catalogue.market_dialogue_forms.items,
  procedure: procedures,
  procedureRecommendation: procedures,
  procedureUsed: procedures,
  awardBasis: catalogue.award_criteria_kinds,
  smeAlternative: catalogue.sme_selection_alternatives,
  conditionId: catalogue.execution_condition_examples,
  contractConditionId: catalogue.execution_condition_examples,
  routeId: catalogue.valorisation_routes.items,
  channelId: catalogue.valorisation_routes.channels,
  roles: catalogue.roles,
  step: catalogue.steps,
  sharingPlatformsConsulted: catalogue.sharing_platforms.map((platform) => ({
    id: platform.id,
    nl: `${platform.name} — ${platform.nl}`,
    en: `${platform.name} — ${platform.en}`,
  })),
};

type Words = Record<Locale, string>;
const w = (nl: string, en: string): Words => ({ nl, en });

/** The schemas' own enums (not in the catalogue), by value; a value may mean the same in several fields. */
const VALUE_LABELS: Record<string, Words> = {
  available: w('beschikbaar', 'available'),
  'partly-available': w('deels beschikbaar', 'partly available'),
  'not-available': w('niet beschikbaar', 'not available'),
  share: w('delen', 'share'),
  reuse: w('hergebruiken', 'reuse'),
  refurbish: w('opknappen (refurbish)', 'refurbish'),
  upgrade: w('upgraden', 'upgrade'),
  purchase: w('aankopen', 'purchase'),
  'no-purchase': w('niet aankopen', 'no purchase'),
  new: w('nieuw aankopen', 'buy new'),
  'need-gone': w('de behoefte is weg', 'the need has gone'),
  dialogue: w('dialoog gehouden', 'dialogue held'),
  skipped: w('dialoog overgeslagen', 'dialogue skipped'),
  product: w('product', 'product'),
  service: w('dienst', 'service'),
  'product-service': w('product en dienst', 'product and service'),
  tco: w('totale eigendomskost (TCO)', 'total cost of ownership (TCO)'),
  lcc: w('levenscycluskost (LCC)', 'life-cycle cost (LCC)'),
  none: w('geen kostenmodel (TCO niet meegenomen)', 'no cost model (TCO not reckoned)'),
  usable: w('bruikbaar', 'usable'),
  'needs-repair': w('moet hersteld worden', 'needs repair'),
  'beyond-use': w('niet meer bruikbaar', 'beyond use'),
  'own-service': w('eigen dienst', 'own service'),
  'other-department-or-location': w('andere afdeling of locatie', 'other department or location'),
  'other-organisation': w('andere organisatie', 'other organisation'),
  internal: w('intern', 'internal'),
  external: w('extern', 'external'),
  both: w('intern en extern', 'internal and external'),
  idea: w('idee', 'idea'),
  agreed: w('afgesproken', 'agreed'),
  started: w('gestart', 'started'),
  price: w('prijs', 'price'),
  cost: w('kost', 'cost'),
  quality: w('kwaliteit', 'quality'),
  circularity: w('circulariteit', 'circularity'),
  other: w('ander', 'other'),
  quantitative: w('kwantitatief', 'quantitative'),
  qualitative: w('kwalitatief', 'qualitative'),
  custom: w('eigen voorwaarde', 'own condition'),
  central: w('federale overheid', 'central government'),
  'sub-central': w('lokale of regionale overheid', 'sub-central authority'),
  works: w('werken', 'works'),
  supplies: w('leveringen', 'supplies'),
  services: w('diensten', 'services'),
  council: w('gemeenteraad', 'council'),
  college: w('college van burgemeester en schepenen', 'college of mayor and aldermen'),
  'delegated-official': w('gedelegeerde ambtenaar', 'delegated official'),
  'as-new': w('als nieuw', 'as new'),
  good: w('goed', 'good'),
  fair: w('redelijk', 'fair'),
  poor: w('slecht', 'poor'),
  broken: w('defect', 'broken'),
  yes: w('ja', 'yes'),
  partial: w('gedeeltelijk', 'partly'),
  no: w('nee', 'no'),
  'not-applicable': w('niet van toepassing', 'not applicable'),
  nl: w('Nederlands', 'Dutch'),
  en: w('Engels', 'English'),
};

export function optionLabel(pattern: string, value: string, locale: Locale): string {
  const list = CATALOGUE_LISTS[pattern.split('.').at(-1) ?? ''];
  if (list?.some((entry) => entry.id === value)) return label(list, value, locale);
  return VALUE_LABELS[value]?.[locale] ?? humanise(value);
}

/** Fields whose values are catalogue ids, checked by a refinement rather than an enum. */
export const CATALOGUE_CHOICES: Record<string, readonly string[]> = {
  'objectives.strategies': strategies.map((strategy) => strategy.id),
};

/**
 * The options to offer for a choice, given what the row around it holds: a strategy is offered
 * under its objective once the row names one (the schema refuses another objective's strategy).
 */
export function optionsFor(
  pattern: string,
  options: string[],
  row: (name: string) => string | undefined,
): string[] {
  if (pattern === 'objectives.strategies') {
    const objective = row('objectiveId');
    const allowed = objective ? strategiesOf(objective) : [];
    return allowed.length > 0 ? allowed : options;
  }
  return options;
}
