/**
 * The texts of the schemas' own rules (domain/schemas/*): the cross-field checks zod cannot state
 * by shape alone. The English text is the issue's `message`, as the API has always answered it; the
 * Dutch one is what a Dutch page shows beside the field (field names as presentation/forms/labels.ts
 * labels them).
 */
import { text } from './text';

type Kind = { kind: string };
type Objective = { objective: string };

export const SCHEMA_TEXTS = {
  // domain/schemas/common.ts, domain/documents.ts
  'text.control-characters': text(
    () => 'Gebruik geen stuurtekens (onzichtbare tekens uit een kopie).',
    () => 'must not contain control characters',
  ),
  'input.too-large': text<{ what: string; kib: number }>(
    ({ kib }) => `Dit bevat in totaal hoogstens ${kib} KiB: maak de langste teksten of lijsten korter.`,
    ({ what, kib }) =>
      `${what} holds at most ${kib} KiB in all (as UTF-8 JSON): shorten its longest texts or lists`,
  ),
  'date.not-a-day': text(
    () => 'Geef een bestaande datum.',
    () => 'is not a calendar date',
  ),
  'project.id-reserved': text<{ id: string }>(
    ({ id }) => `De id "${id}" is een woord van de API zelf (zoals /api/projects/${id}): kies een andere.`,
    ({ id }) => `"${id}" is a word of the API itself (as in /api/projects/${id}): choose another id`,
  ),
  'time-zone.unknown': text(
    () => 'Geef een IANA-tijdzone, bijvoorbeeld Europe/Brussels.',
    () => 'must be an IANA time zone such as Europe/Brussels',
  ),
  'list.twice': text<{ value: string; what: string }>(
    ({ value }) => `${value} staat twee keer in de lijst.`,
    ({ value, what }) => `${value} appears twice in ${what}`,
  ),
  'documents.other-step': text(
    () => 'Voeg alleen documenten toe van een soort die bij deze stap hoort.',
    () => 'each document is of a kind of the step the deliverable belongs to',
  ),
  'documents.twice': text(
    () => 'Voeg elk document maar één keer toe.',
    () => 'each document (`sha256`) at most once',
  ),
  'document.file-name': text(
    () => 'Geef een bestandsnaam zonder / of \\.',
    () => 'must be a file name without / or \\',
  ),
  // domain/schemas/need.ts
  'need.alternative-missing': text<Kind>(
    ({ kind }) => `Overweeg ook het alternatief "${kind}".`,
    ({ kind }) => `consider the alternative "${kind}"`,
  ),
  'need.reach-not-applicable': text<Kind>(
    ({ kind }) => `Het bereik geldt alleen voor delen en hergebruik, niet voor "${kind}".`,
    ({ kind }) => `reach applies to share and reuse only, not to "${kind}"`,
  ),
  'need.condition-not-found': text(
    () => 'Een lijn met resultaat "niet beschikbaar" vond niets: laat de staat leeg.',
    () => 'a line with result "not-available" found nothing whose condition could be recorded',
  ),
  'need.chosen-not-feasible': text<{ chosen: string }>(
    ({ chosen }) => `Kies een alternatief dat haalbaar bleek: "${chosen}" is dat niet.`,
    ({ chosen }) => `the chosen alternative "${chosen}" must be one assessed as feasible`,
  ),
  // domain/schemas/market-dialogue.ts
  'dialogue.desk-scan-only': text(
    () =>
      'Een marktverkenning vanachter het bureau alleen is geen dialoog met de markt: registreer een contact met leveranciers, of sla de dialoog over met een reden (het management keurt dat goed).',
    () =>
      'a desk market scan alone is no dialogue with the market: record a contact with suppliers, or skip the dialogue with a reason (management approves a skip)',
  ),
  'dialogue.no-supplier-took-part': text(
    () => 'Geen enkele leverancier op de longlist nam deel: een dialoog heeft er minstens één nodig.',
    () => 'no supplier on the longlist took part: a dialogue needs at least one',
  ),
  'dialogue.objective-adjusted-twice': text<Objective>(
    ({ objective }) => `${objective} wordt twee keer bijgesteld.`,
    ({ objective }) => `${objective} is adjusted twice`,
  ),
  'dialogue.adjustment-changes-nothing': text(
    () => 'Een bijstelling wijzigt het streefdoel, de strategieën of beide.',
    () => 'an adjustment changes the target, the strategies, or both',
  ),
  'dialogue.ambition-level-unchanged': text(
    () => 'Een bijgesteld ambitieniveau wijzigt de korte termijn, de lange termijn of beide.',
    () => 'an adjusted ambition level changes the short term, the long term, or both',
  ),
  'dialogue.milestone-before-start': text<{ startedOn: string }>(
    ({ startedOn }) => `Plan een mijlpaal na de start van de dialoog (${startedOn}).`,
    ({ startedOn }) => `a milestone is planned after the dialogue started (${startedOn})`,
  ),
  // domain/schemas/ambitions.ts (and the adjustments of the dialogue)
  'strategy.not-of-objective': text<{ strategy: string; objective: string; allowed: string }>(
    ({ strategy, objective, allowed }) =>
      `"${strategy}" is geen strategie van ${objective}. Kies uit ${allowed}.`,
    ({ strategy, objective, allowed }) =>
      `"${strategy}" is not a strategy of ${objective} (choose from ${allowed})`,
  ),
  'ambitions.tco-estimate-missing': text(
    () => 'Geef de TCO-raming, of duid aan dat u geen TCO gebruikt.',
    () => 'give the TCO estimate, or set used to false',
  ),
  'ambitions.objective-twice': text<Objective>(
    ({ objective }) => `${objective} staat twee keer bij de doelstellingen.`,
    ({ objective }) => `${objective} appears twice in the objectives`,
  ),
  'ambitions.single-objective-reason': text(
    () => 'Meer dan één doelstelling is aangeraden: geef de reden waarom u er maar één kiest.',
    () => 'more than one objective is advised: give a reason for choosing only one',
  ),
  // domain/schemas/approvals.ts
  'policy.quorum-missing': text(
    () => 'Geef het aantal goedkeuringen voor een quorum.',
    () => 'a quorum policy needs the number of approvals',
  ),
  'policy.quorum-not-applicable': text(
    () => 'Een quorum geldt alleen voor de quorumregel: laat het leeg.',
    () => 'quorum only applies to the quorum rule',
  ),
  'settings.change-nothing': text(
    () => 'Wijzig minstens één instelling.',
    () => 'change at least one setting',
  ),
  'decision.comment-required': text<{ decision: string }>(
    ({ decision }) =>
      decision === 'reject'
        ? 'Geef een toelichting bij een afwijzing.'
        : 'Geef een toelichting: zeg welke wijzigingen u vraagt.',
    ({ decision }) => `a comment is required to ${decision.replace('-', ' ')}`,
  ),
  // domain/schemas/tender-documents.ts, domain/schemas/tender-rules.ts
  'tender.weights-sum': text<{ total: number }>(
    ({ total }) => `De gewichten moeten samen 100 zijn (nu ${total}).`,
    ({ total }) => `weights must sum to 100 (they sum to ${total})`,
  ),
  'tender.price-only-reason': text(
    () => 'Geef de reden om enkel op prijs te gunnen.',
    () => 'awarding on price alone needs a reason',
  ),
  'tender.condition-description': text(
    () => 'Beschrijf de eigen uitvoeringsvoorwaarde.',
    () => 'a custom execution condition needs a description',
  ),
  'tender.basis-price': text(
    () =>
      'Een gunning op prijs alleen heeft alleen prijscriteria: kies de beste prijs-kwaliteitsverhouding om circulariteit of kwaliteit te wegen.',
    () =>
      'an award on price alone has only `price` criteria: choose best-price-quality to weigh circularity or quality',
  ),
  'tender.basis-cost': text(
    () =>
      'Een gunning op kosten (levenscycluskost / TCO) heeft een kostencriterium en geen kwaliteits- of circulariteitscriteria: kies de beste prijs-kwaliteitsverhouding om die te wegen.',
    () =>
      'an award on cost (life-cycle cost / TCO) has a `cost` criterion and no quality or circularity criteria: choose best-price-quality to weigh those',
  ),
  'tender.basis-best-price-quality': text(
    () =>
      'De beste prijs-kwaliteitsverhouding weegt een prijs- of kostencriterium en minstens één criterium voor kwaliteit, circulariteit of iets anders.',
    () =>
      'the best price-quality ratio weighs a price or cost criterion and at least one quality, circularity or other criterion',
  ),
  'tender.basis-fixed-price': text(
    () => 'Met een vaste prijs concurreren de offertes alleen op kwaliteit: geen prijs- of kostencriterium.',
    () => 'with a fixed price the offers compete on quality only: no `price` or `cost` criterion',
  ),
  'tender.cost-model-needed': text(
    () => 'Een gunning op kosten (levenscycluskost / TCO) rekent de kosten uit: kies TCO of LCC.',
    () => 'an award on cost (life-cycle cost / TCO) reckons the cost: choose `tco` or `lcc`',
  ),
  'tender.cost-criterion-needs-model': text(
    () => 'Een kostencriterium rekent de levenscycluskost of TCO uit: kies bij het kostenmodel TCO of LCC.',
    () => 'a `cost` criterion reckons the life-cycle cost or TCO: set `scope.costModel` to `tco` or `lcc`',
  ),
  'tender.sme-alternative-retired': text<{ nl: string; en: string }>(
    ({ nl }) => `Dit is geen alternatief meer: ${nl}`,
    ({ en }) => `no longer an alternative: ${en}`,
  ),
  'tender.longer-term-reason': text<{ total: number; standard: number }>(
    ({ total, standard }) =>
      `Met de verlengingen kan de opdracht ${total} maanden lopen, langer dan de standaard ${standard}: geef de reden (de functionele levensduur, de terugverdientijd van de investeringen).`,
    ({ total, standard }) =>
      `the contract can run ${total} months with its extensions, longer than the standard ${standard}: give the reason (the functional lifetime, the payback time of the investments)`,
  ),
  'tender.payback-years-missing': text(
    () => 'De markt werd bevraagd: geef de terugverdientijd die zij realistisch vond.',
    () => 'the market was asked: record the payback time it found realistic',
  ),
  'tender.lots-count-missing': text(
    () => 'Geef in hoeveel percelen de opdracht verdeeld is.',
    () => 'a contract divided into lots says into how many',
  ),
  'tender.lots-count-not-applicable': text(
    () => 'Een opdracht zonder percelen heeft geen aantal percelen: laat het leeg.',
    () => 'a contract not divided into lots has no count of lots',
  ),
  'tender.variants-minimum-missing': text(
    () => 'Varianten zijn toegelaten: geef de minimumeisen waaraan ze moeten voldoen.',
    () => 'variants are allowed: state the minimum requirements they must meet',
  ),
  'tender.ambitions-where-missing': text(
    () => 'Geef aan waar het bestek de circulaire ambities vermeldt.',
    () => 'say where the tender states the circular ambitions',
  ),
  // domain/schemas/legal-frame.ts, domain/legal-frame/*
  'legal.cpv-form': text(
    () => 'Geef een CPV-code als NNNNNNNN-N, bijvoorbeeld 39130000-2.',
    () => 'use a CPV code as NNNNNNNN-N, for example 39130000-2',
  ),
  'legal.cpv-check-digit': text<{ digits: string; expected: number; check: string }>(
    ({ digits, expected, check }) =>
      `Het controlecijfer van ${digits} is ${expected}, niet ${check}: kijk de code na in de CPV-lijst.`,
    ({ digits, expected, check }) =>
      `the check digit of ${digits} is ${expected}, not ${check}: check the code in the CPV list`,
  ),
  'legal.cpv-twice': text<{ code: string }>(
    ({ code }) => `${code} staat twee keer in de lijst.`,
    ({ code }) => `${code} appears twice`,
  ),
  'legal.offer-deadline-before-publication': text<{ publication: string }>(
    ({ publication }) => `De uiterste datum voor offertes valt na de publicatie (${publication}).`,
    ({ publication }) => `the offer deadline must come after the publication (${publication})`,
  ),
  'legal.opening-before-deadline': text<{ offerDeadline: string }>(
    ({ offerDeadline }) =>
      `De offertes worden geopend op of na de uiterste datum voor offertes (${offerDeadline}).`,
    ({ offerDeadline }) => `offers are opened at or after the offer deadline (${offerDeadline})`,
  ),
  'legal.extensions-value-missing': text(
    () => 'Het bestek heeft verlengingsopties: hun waarde hoort bij de geraamde waarde.',
    () => 'the tender has extension options: their value belongs in the estimated value',
  ),
  'legal.procedure-refused': text<{ nl: string; en: string }>(
    ({ nl }) => nl,
    ({ en }) => en,
  ),
  'legal.notified-before-decision': text<{ date: string }>(
    ({ date }) => `De inschrijvers worden op of na de beslissing (${date}) op de hoogte gebracht.`,
    ({ date }) => `the tenderers are notified on or after the decision (${date})`,
  ),
  'legal.concluded-in-standstill': text<{ standstillEnds: string }>(
    ({ standstillEnds }) => `Sluit de opdracht pas na de wachttermijn van 15 dagen (${standstillEnds}).`,
    ({ standstillEnds }) => `no contract before the 15-day standstill has passed (${standstillEnds})`,
  ),
  'legal.start-order-before-conclusion': text<{ after: string }>(
    ({ after }) => `Het startbevel volgt na de sluiting van de opdracht (${after}).`,
    ({ after }) => `the start order comes after the contract is concluded (${after})`,
  ),
  'legal.start-in-standstill': text<{ standstillEnds: string }>(
    ({ standstillEnds }) =>
      `De opdracht kan pas starten na de wachttermijn van 15 dagen na de gunningsbeslissing (${standstillEnds}).`,
    ({ standstillEnds }) =>
      `the contract cannot start before the 15-day standstill after the award decision has passed (${standstillEnds})`,
  ),
  // domain/schemas/award.ts, contract.ts, end-of-use.ts
  'award.end-before-start': text(
    () => 'De opdracht moet eindigen na de start.',
    () => 'the contract must end after it starts',
  ),
  'review.findings-missing': text(
    () => 'Gebruik dat niet (volledig) correct is: zeg wat u zag en wat eraan gedaan wordt.',
    () => 'use that is not (fully) correct says what was seen and what is done about it',
  ),
  'review.own-report-missing': text(
    () => 'Een leverancier die niet deelnam, bezorgt een eigen rapport.',
    () => 'a supplier that did not take part contributes its own report',
  ),
  'amendment.change-nothing': text(
    () => 'Wijzig minstens één van: einddatum, ritme van de opvolging, contractbeheerder.',
    () => 'change at least one of contractEnd, cadence, contractManager',
  ),
  'use.until-missing': text(
    () => 'Gebruik dat doorgaat: geef tot wanneer.',
    () => 'use that goes on says until when',
  ),
  'use.until-not-applicable': text(
    () => 'Gebruik dat stopt, heeft geen datum "tot": laat die leeg.',
    () => 'use that ends takes no "until" date',
  ),
  'end-of-use.threshold-missing': text(
    () => 'Een parameter die niet meer volstaat: geef de drempel die hij niet haalt.',
    () => 'a parameter that no longer suffices names the threshold it falls short of',
  ),
  'end-of-use.lower-route-reason': text(
    () =>
      'Een route lager dan "herstellen en verder gebruiken": geef de reden waarom geen hogere route past.',
    () => 'a route below "repair and keep using" needs a reason why no higher route fits',
  ),
  'end-of-use.residual-value-missing': text(
    () => 'Geef bij een terugkoop de restwaarde in euro.',
    () => 'a buy-back records its residual value in EUR',
  ),
};
