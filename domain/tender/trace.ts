/**
 * Step 4 read against steps 2 and 3 (source: "gebruik de circulaire ambities … als beginpunt",
 * "de meest recente informatie … uit je dialoog met de markt", "enkel haalbare zaken"): which
 * step-2 objective each criterion and condition serves, and what the tender leaves unanswered.
 * Pure: the digest shows the warnings, the workflow refuses objectives step 2 does not have.
 */
import { type Locale, catalogue, label } from '../catalogue';
import type { DeliverableByGate } from '../schemas';
import { STANDARD_TERM_MONTHS, totalTermMonths } from '../schemas/tender-rules';
import { type RuleProblem, ruleProblem } from '../problems';

type Tender = DeliverableByGate['tender-documents'];
type Ambitions = DeliverableByGate['circular-ambitions'];
type Dialogue = DeliverableByGate['market-dialogue'];
export type Warning = Record<Locale, string>;

/** The objective a catalogue execution condition serves when the tender names none. */
function catalogueObjective(conditionId: string): string | undefined {
  return (
    catalogue.execution_condition_examples.find((example) => example.id === conditionId)?.objective ??
    undefined
  );
}

/** The step-2 objectives served by at least one award criterion or execution condition. */
export function servedObjectives(tender: Tender): Set<string> {
  const served = new Set<string>();
  for (const criterion of tender.awardCriteria) for (const id of criterion.serves ?? []) served.add(id);
  for (const condition of tender.executionConditions) {
    const named =
      condition.serves ?? [catalogueObjective(condition.conditionId)].filter((id) => id !== undefined);
    for (const id of named) served.add(id);
  }
  return served;
}

/** Objectives a criterion or condition claims to serve that step 2 did not choose, each with its path. */
export function unknownObjectiveRules(tender: Tender, ambitions: Ambitions | undefined): RuleProblem[] {
  if (!ambitions) return [];
  const chosen = new Set(ambitions.objectives.map((objective) => objective.objectiveId));
  const problems: RuleProblem[] = [];
  const check = (list: { serves?: string[] | undefined }[], field: string) =>
    list.forEach((entry, index) =>
      (entry.serves ?? []).forEach((id, s) => {
        if (!chosen.has(id))
          problems.push(
            ruleProblem(
              'tender.objective-not-chosen',
              { objective: id, objectives: [...chosen].join(', ') },
              `${field}.${index}.serves.${s}`,
            ),
          );
      }),
    );
  check(tender.awardCriteria, 'awardCriteria');
  check(tender.executionConditions, 'executionConditions');
  return problems;
}

const objectiveLabel = (id: string, l: Locale) => label(catalogue.ambition_objectives.items, id, l);
const conditionLabel = (id: string, l: Locale) =>
  id === 'custom'
    ? l === 'nl'
      ? 'eigen voorwaarde'
      : 'own condition'
    : label(catalogue.execution_condition_examples, id, l);
const both = (nl: string, en: string): Warning => ({ nl, en });

/** Names in a warning, cut short: a warning points at the criteria, it does not repeat them. */
function names(list: string[], max = 240): string {
  const joined = list.join(', ');
  return joined.length > max ? `${joined.slice(0, max - 1)}…` : joined;
}

/** What the approvers should look at again before approving the tender: the source's advice not followed. */
export function tenderWarnings(tender: Tender, ambitions?: Ambitions, dialogue?: Dialogue): Warning[] {
  const warnings: Warning[] = [];
  const served = servedObjectives(tender);
  for (const objective of ambitions?.objectives ?? []) {
    if (served.has(objective.objectiveId)) continue;
    warnings.push({
      nl: `geen gunningscriterium of uitvoeringsvoorwaarde dient de doelstelling "${objectiveLabel(objective.objectiveId, 'nl')}" van stap 2`,
      en: `no award criterion or execution condition serves the step-2 objective "${objectiveLabel(objective.objectiveId, 'en')}"`,
    });
  }
  const { scope } = tender;
  if (scope.costModel !== 'none' && scope.costEstimateEur === undefined)
    warnings.push(
      both(
        'de TCO wordt meegenomen, maar het bedrag ontbreekt',
        'the TCO is reckoned, but its amount is missing',
      ),
    );
  const total = totalTermMonths(scope);
  if (scope.functionalLifetimeYears === undefined)
    warnings.push(
      both(
        'de looptijd is niet getoetst aan de functionele levensduur (niet ingevuld)',
        'the term is not set against the functional lifetime (not given)',
      ),
    );
  else if (total > scope.functionalLifetimeYears * 12)
    warnings.push(
      both(
        `de opdracht kan ${total} maanden lopen, langer dan de functionele levensduur (${scope.functionalLifetimeYears} jaar)`,
        `the contract can run ${total} months, longer than the functional lifetime (${scope.functionalLifetimeYears} years)`,
      ),
    );
  const hasExit = tender.executionConditions.some(
    (c) => c.conditionId === 'termination-clauses' || c.conditionId === 'performance-bonus',
  );
  if (total > STANDARD_TERM_MONTHS && !hasExit)
    warnings.push(
      both(
        'een looptijd boven de standaardtermijn zonder verbrekingsvoorwaarden of prestatiebonussen',
        'a term above the standard without termination clauses or performance bonuses',
      ),
    );
  if (!scope.lots)
    warnings.push(
      both(
        'de opdeling in percelen is niet overwogen (niet ingevuld)',
        'division into lots is not considered (not given)',
      ),
    );
  if (!tender.variants)
    warnings.push(both('niet gezegd of varianten zijn toegelaten', 'not said whether variants are allowed'));
  const unguided = tender.awardCriteria.filter((c) => c.nature === 'qualitative' && !c.guidance);
  if (unguided.length > 0)
    warnings.push(
      both(
        `geen sturing voor de beoordelaars (subcriteria, beoordelingswijze) bij ${names(unguided.map((c) => c.name))}`,
        `no guidance for the assessors (sub-criteria, scoring method) on ${names(unguided.map((c) => c.name))}`,
      ),
    );
  if (dialogue?.mode === 'dialogue') {
    const unchecked = tender.executionConditions.filter((c) => !c.feasibleBecause && !c.growthPath);
    if (unchecked.length > 0)
      warnings.push({
        nl: `niet gezegd waarom de markt dit kan (vraag enkel haalbare zaken, of voorzie een groeitraject): ${names(unchecked.map((c) => conditionLabel(c.conditionId, 'nl')))}`,
        en: `not said why the market can meet these (ask only what is feasible, or give a growth path): ${names(unchecked.map((c) => conditionLabel(c.conditionId, 'en')))}`,
      });
  }
  if (!tender.ambitionsInTender?.included)
    warnings.push(
      both(
        'de circulaire ambities staan niet in het bestek',
        'the circular ambitions are not given in the tender',
      ),
    );
  return warnings;
}

/** Step-2 objectives the award sets no contract value for (catalogue gate: "contract values of indicators recorded"). */
export function missingContractValues(
  award: DeliverableByGate['award'],
  ambitions: Ambitions | undefined,
): string[] {
  const recorded = new Set(award.contractIndicatorValues.map((value) => value.objectiveId));
  return (ambitions?.objectives ?? [])
    .map((objective) => objective.objectiveId)
    .filter((id) => !recorded.has(id));
}
