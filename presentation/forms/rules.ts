/**
 * The cross-field rules of each schema (its refinements), said in a sentence beside the group they
 * concern, so the officer knows them before submitting. The rules themselves stay in the schemas
 * (domain/schemas/*): these are their explanations, and the server's problem after a submit still
 * names the field that breaks one.
 */
import type { Locale } from '../../domain/catalogue';
import type { FormId } from './labels';

type Rule = Record<Locale, string>;
const r = (nl: string, en: string): Rule => ({ nl, en });

export const CROSS_FIELD_RULES: Record<FormId, Record<string, Rule>> = {
  'circular-need': {
    alternatives: r(
      'Weeg elk alternatief één keer af: delen, hergebruiken, opknappen en upgraden.',
      'Weigh each alternative once: share, reuse, refurbish and upgrade.',
    ),
    decision: r(
      'Kiest u delen, hergebruiken, opknappen of upgraden, dan moet dat alternatief hierboven als haalbaar staan.',
      'If you choose to share, reuse, refurbish or upgrade, that alternative must be marked feasible above.',
    ),
  },
  'circular-ambitions': {
    objectives: r(
      'Elke doelstelling één keer, met strategieën van die doelstelling. Meer dan één doelstelling is aangeraden; bij één doelstelling geeft u hieronder een reden.',
      'Each objective once, with strategies of that objective. More than one objective is advised; with only one, give a reason below.',
    ),
    internalActors: r('Elk e-mailadres één keer.', 'Each email address once.'),
    tco: r(
      'Rekent u met een TCO, geef dan ook de raming.',
      'If you reckon with a TCO, give its estimate too.',
    ),
  },
  'market-dialogue': {
    suppliers: r(
      'Minstens één leverancier van de longlist nam deel.',
      'At least one supplier on the longlist took part.',
    ),
    dialogues: r(
      'Een bureauonderzoek alleen is geen dialoog: noteer een contact met leveranciers, of sla de dialoog over met een reden.',
      'A desk market scan alone is no dialogue: record a contact with suppliers, or skip the dialogue with a reason.',
    ),
  },
  'tender-documents': {
    awardCriteria: r(
      'De gewichten tellen op tot 100. Gunnen op prijs alleen vraagt een reden.',
      'The weights add up to 100. Awarding on price alone needs a reason.',
    ),
    executionConditions: r(
      'Een eigen voorwaarde heeft een omschrijving nodig.',
      'An own condition needs a description.',
    ),
    legalFrame: r(
      'De uiterste datum voor de offertes valt na de bekendmaking, de opening niet ervoor; met verlengingsopties hoort hun waarde in de raming; de procedure moet passen bij de drempels.',
      'The offer deadline comes after the publication, the opening not before it; with extension options their value belongs in the estimate; the procedure must fit the thresholds.',
    ),
  },
  award: {
    contractEnd: r('Het contract eindigt na de start.', 'The contract ends after it starts.'),
    legalFrame: r(
      'De inschrijvers worden ingelicht op of na de beslissing; geen contract en geen start vóór de wachttermijn van 15 dagen voorbij is; het bevel van aanvang volgt op het sluiten van het contract.',
      'Tenderers are notified on or after the decision; no contract and no start before the 15-day standstill has passed; the start order follows the conclusion of the contract.',
    ),
  },
  'end-of-use': {
    items: r(
      'Elk kenmerk één keer. Een route onder "herstellen en verder gebruiken" vraagt een reden; een terugkoop vraagt de restwaarde.',
      'Each item id once. A route below "repair and keep using" needs a reason; a buy-back needs its residual value.',
    ),
  },
  evaluate: {
    evaluatedWith: r(
      'Evalueer met alle interne actoren van stap 2, of geef een reden waarom er ontbraken.',
      'Evaluate with every internal actor of step 2, or give a reason why some were absent.',
    ),
  },
  'new-project': {
    approvers: r(
      'Elk e-mailadres één keer; elke persoon heeft minstens één rol.',
      'Each email address once; each person holds at least one role.',
    ),
  },
};

export const ruleOf = (form: FormId, pattern: string, locale: Locale): string | undefined =>
  CROSS_FIELD_RULES[form][pattern]?.[locale];

/** Lists whose rows' numbers must add up to a target: the form shows the running sum. */
const RUNNING_SUMS: Partial<Record<FormId, Record<string, { field: string; target: number }>>> = {
  'tender-documents': { awardCriteria: { field: 'weight', target: 100 } },
};

export const runningSumOf = (form: FormId, pattern: string): { field: string; target: number } | undefined =>
  RUNNING_SUMS[form]?.[pattern];
