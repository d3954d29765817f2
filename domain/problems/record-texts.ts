/**
 * The texts of the rules a deliverable meets beyond its schema, where the workflow checks it
 * against the project: what a complete record holds (domain/schemas/need.ts incompleteNeedRules),
 * what the dialogue adjusts (domain/ambitions-after-dialogue.ts), what the tender traces to step 2
 * (domain/tender/trace.ts), what the evaluation covers (domain/evaluation-coverage.ts) and what an
 * end-of-use item proves (domain/end-of-use.ts).
 */
import { text } from './text';

type Route = { route: string };

export const RECORD_TEXTS = {
  'need.mandate-missing': text(
    () =>
      'Registreer wie de aankoper het mandaat gaf om de aanvraag te bevragen, wanneer, en wat dat mandaat omvat.',
    () => 'record who gave the purchaser the mandate to question the request, when, and its scope',
  ),
  'need.client-dialogue-missing': text(
    () => 'Registreer de dialoog met de interne klant (wanneer, met wie, wat er naar boven kwam).',
    () => 'record the dialogue with the internal client (when, with whom, what surfaced)',
  ),
  'need.quantity-missing': text(
    () => 'Geef hoeveel er gevonden werd (0 als er niets was).',
    () => 'how many were found (0 if none)',
  ),
  'need.condition-missing': text(
    () => 'Geef de staat van wat gevonden werd.',
    () => 'the condition of what was found',
  ),
  'need.reach-missing': text<{ kind: string }>(
    ({ kind }) =>
      `Geef aan of er voor "${kind}" gezocht werd binnen de organisatie, bij andere organisaties, of beide.`,
    ({ kind }) =>
      `say whether ${kind} was looked for within the organisation, with other organisations, or both`,
  ),
  'dialogue.objective-not-set': text<{ objective: string; set: string }>(
    ({ objective, set }) =>
      `${objective} is geen doelstelling van de goedgekeurde ambities (stap 2 koos ${set || 'geen'}).`,
    ({ objective, set }) =>
      `${objective} is not an objective of the approved ambitions (step 2 set ${set || 'none'})`,
  ),
  'tender.objective-not-chosen': text<{ objective: string; objectives: string }>(
    ({ objective, objectives }) => `${objective} is geen doelstelling van stap 2 (${objectives}).`,
    ({ objective, objectives }) => `${objective} is not an objective of step 2 (${objectives})`,
  ),
  'evaluation.indicator-missing': text<{ indicator: string; objective: string; hadContract: string }>(
    ({ indicator, objective, hadContract }) =>
      `Meet "${indicator}" (${objective}) op het einde, met de nulmeting${hadContract ? ' en de waarde tijdens de opdracht' : ''}.`,
    ({ indicator, objective, hadContract }) =>
      `measure "${indicator}" (${objective}) at the end, with its baseline${hadContract ? ' and its value during the contract' : ''}`,
  ),
  'evaluation.contract-value-missing': text<{ indicator: string }>(
    ({ indicator }) => `De waarde van "${indicator}" tijdens de opdracht ontbreekt.`,
    ({ indicator }) => `the value of "${indicator}" during the contract is missing`,
  ),
  'evaluation.actors-missing': text<{ missing: string }>(
    ({ missing }) =>
      `Evalueer met elke interne actor van stap 2, of geef de reden van hun afwezigheid; ontbreekt: ${missing}.`,
    ({ missing }) =>
      `evaluate with every internal actor of step 2, or give absentActorsReason; missing ${missing}`,
  ),
  'end-of-use.quality-parameters-missing': text(
    () => 'Geef de parameters die bepalen dat de kwaliteit niet meer volstaat, met hun gemeten waarden.',
    () => 'name the parameters that decide the quality no longer suffices, with their measured values',
  ),
  'end-of-use.certificate-missing': text<Route>(
    ({ route }) => `De route "${route}" wordt bewezen met het certificaat van de verwerker: geef het.`,
    ({ route }) => `the route "${route}" is proven by the processor's certificate`,
  ),
  'end-of-use.chain-missing': text<Route>(
    ({ route }) => `De route "${route}" geeft de materialen door: registreer waar ze daarna naartoe gaan.`,
    ({ route }) => `the route "${route}" passes the materials on: record where they go next`,
  ),
  'end-of-use.condition-not-agreed': text<{ condition: string; agreed: string }>(
    ({ condition, agreed }) =>
      `De opdracht heeft geen voorwaarde voor het einde van het gebruik "${condition}" (wel: ${agreed || 'geen'}).`,
    ({ condition, agreed }) =>
      `the contract has no end-of-use condition "${condition}" (it has: ${agreed || 'none'})`,
  ),
};
