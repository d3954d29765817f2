/**
 * The texts of the project's refusals (workflows/procurement/*) and of the domain rules behind them
 * (domain/approval-policy.ts, domain/legal-frame/*, workflows/procurement/record-rules.ts). The
 * English text is the failure's message, as the API has always answered it; a page shows the text
 * in its reader's language.
 */
import { GATE_LABELS, type GateId, label, catalogue, momentKindLabel } from '../catalogue';
import { PROJECT_STATUSES, type ProjectStatus, statusLabel } from '../project';
import { text } from './text';

type Moment = { kind: string; dueOn: string };
const momentNl = ({ kind, dueOn }: Moment) => `${momentKindLabel(kind, 'nl')} van ${dueOn}`;
const gateNl = (gate: string) => GATE_LABELS[gate as GateId]?.nl ?? gate;
const roleNl = (role: string) => label(catalogue.roles, role, 'nl');

export const REFUSAL_TEXTS = {
  'project.ended': text<{ status: string }>(
    ({ status }) =>
      `Het project is ${PROJECT_STATUSES.includes(status as ProjectStatus) ? statusLabel(status as ProjectStatus, 'nl') : status}.`,
    ({ status }) => `the project is ${status}`,
  ),
  'project.closed': text(
    () => 'Het project is afgesloten.',
    () => 'the project is closed',
  ),
  'email.invalid': text(
    () => 'Geef een geldig e-mailadres.',
    () => 'must be an email address',
  ),
  'submission.none-now': text<{ step: string }>(
    () => 'Deze stap neemt nu geen inzending aan.',
    ({ step }) => `step ${step} takes no deliverable submission now`,
  ),
  'submission.other-gate': text<{ expected: string; sent: string }>(
    ({ expected }) => `Het project verwacht nu het deliverable "${gateNl(expected)}".`,
    ({ expected, sent }) => `the project expects the "${expected}" deliverable now, not "${sent}"`,
  ),
  'tender.scope-is-service': text<{ route: string }>(
    () =>
      'Stap 1 koos ervoor de bestaande inventaris op te knappen of te upgraden, en dat is een dienst: kies "dienst" of "product-dienstcombinatie".',
    ({ route }) =>
      `step 1 chose to ${route} the existing inventory, which is a service: choose "service" or "product-service"`,
  ),
  'award.end-not-future': text(
    () => 'Kies een einddatum van de opdracht in de toekomst.',
    () => 'the contract must end in the future',
  ),
  'award.indicator-values-missing': text<{ missing: string }>(
    ({ missing }) =>
      `Geef de waarde die de opdracht vastlegt voor elke doelstelling van stap 2 (ontbreekt: ${missing}).`,
    ({ missing }) => `record the value the contract sets for each objective of step 2 (missing: ${missing})`,
  ),
  'need.mandate-in-future': text<{ date: string }>(
    ({ date }) => `${date} ligt in de toekomst: registreer het mandaat zodra het gegeven is.`,
    ({ date }) => `${date} is in the future: record the mandate once given`,
  ),
  'need.dialogue-in-future': text<{ date: string }>(
    ({ date }) => `${date} ligt in de toekomst: registreer de dialoog zodra hij gehouden is.`,
    ({ date }) => `${date} is in the future: record the dialogue once held`,
  ),
  'dialogue.planning-missing': text(
    () =>
      'Geef wanneer de dialoog startte, de geplande doorlooptijd in weken en de mijlpalen (een circulaire dialoog kan meer tijd vragen: plan hem).',
    () =>
      'record when the dialogue started, its planned lead time in weeks and its milestones (a circular dialogue may take more time: plan it)',
  ),
  // Who approves (domain/approval-policy.ts resolveGateApprovers)
  'approvers.role-missing': text<{ role: string }>(
    ({ role }) => `Deze inzending vraagt goedkeuring door ${roleNl(role)}: duid iemand met die rol aan.`,
    ({ role }) => `this submission needs approval by ${role}: name a person with that role`,
  ),
  'approvers.nobody': text<{ gate: string; roles: string }>(
    ({ gate, roles }) =>
      `Niemand keurt "${gateNl(gate)}" goed: duid mensen aan met een van de rollen ${roles
        .split(', ')
        .map(roleNl)
        .join(', ')}, of stel goedkeurders in voor deze stap.`,
    ({ gate, roles }) =>
      `nobody approves ${gate}: name people with one of the roles ${roles} or set approvers for this gate`,
  ),
  'approvers.quorum-too-high': text<{ quorum: number; count: number; gate: string }>(
    ({ quorum, count, gate }) =>
      `Het quorum ${quorum} is groter dan de ${count} goedkeurders van "${gateNl(gate)}".`,
    ({ quorum, count, gate }) => `quorum ${quorum} is more than the ${count} approvers of ${gate}`,
  ),
  // Rounds, decisions and delegation (domain/approval-policy.ts, workflows/procurement/rounds.ts)
  'round.none-open': text(
    () => 'Voor dit project loopt geen goedkeuringsronde.',
    () => 'no approval round is open for this project',
  ),
  'round.none-for-gate': text<{ gate: string }>(
    ({ gate }) => `Er is geen goedkeuringsronde voor "${gateNl(gate)}".`,
    ({ gate }) => `no approval round exists for ${gate}`,
  ),
  'round.not-found': text<{ number: number; gate: string }>(
    ({ number, gate }) => `Ronde ${number} van "${gateNl(gate)}" bestaat niet.`,
    ({ number, gate }) => `round ${number} of ${gate} does not exist`,
  ),
  'round.superseded': text<{ number: number; by: number }>(
    ({ number, by }) => `Ronde ${number} werd vervangen door ronde ${by}.`,
    ({ number, by }) => `round ${number} was replaced by round ${by}`,
  ),
  'round.closed': text<{ number: number; status: string }>(
    ({ number }) => `Ronde ${number} is afgesloten.`,
    ({ number, status }) => `round ${number} is closed (${status})`,
  ),
  'decision.delegated': text<{ email: string; holder: string }>(
    ({ email, holder }) => `${email} droeg deze beslissing over aan ${holder}.`,
    ({ email, holder }) => `${email} delegated this decision to ${holder}`,
  ),
  'decision.not-an-approver': text<{ email: string; number: number }>(
    ({ email, number }) => `${email} is geen goedkeurder in ronde ${number}.`,
    ({ email, number }) => `${email} is not an approver in round ${number}`,
  ),
  'decision.already-decided': text<{ email: string; kind: string; at: string }>(
    ({ email, at }) => `${email} besliste al (op ${at}).`,
    ({ email, kind, at }) => `${email} already decided (${kind} on ${at})`,
  ),
  'decision.not-your-turn': text<{ waitingFor: string }>(
    ({ waitingFor }) => `Deze ronde verloopt in volgorde: eerst ${waitingFor || 'een eerdere goedkeurder'}.`,
    ({ waitingFor }) => `this round is sequential: waiting for ${waitingFor || 'an earlier approver'} first`,
  ),
  'delegation.to-yourself': text(
    () => 'U kunt niet aan uzelf overdragen.',
    () => 'you cannot delegate to yourself',
  ),
  'delegation.already-deciding': text<{ email: string }>(
    ({ email }) => `${email} beslist al in deze ronde (één persoon, één stem).`,
    ({ email }) => `${email} already decides in this round (one person, one vote)`,
  ),
  // Step 5: reviews, amendments, use beyond the contract, end of use (workflows/procurement/contract.ts …)
  'contract.reviews-in-step-5': text(
    () => 'Beoordelingen worden geregistreerd tijdens gebruik en uitvoering (stap 5).',
    () => 'reviews are recorded during use and execution (step 5)',
  ),
  'contract.amendments-in-step-5': text(
    () => 'De opdracht kan gewijzigd worden tijdens gebruik en uitvoering (stap 5).',
    () => 'the contract can be amended during use and execution (step 5)',
  ),
  'contract.use-confirmed-in-step-5': text(
    () => 'Of het gebruik doorgaat, wordt bevestigd tijdens gebruik en uitvoering (stap 5).',
    () => 'whether use goes on is confirmed during use and execution (step 5)',
  ),
  'contract.end-of-use-from-step-5': text(
    () => 'Het einde van het gebruik start vanuit gebruik en uitvoering (stap 5).',
    () => 'end of use starts from use and execution (step 5)',
  ),
  'moment.unknown': text<{ momentId: string }>(
    () => 'Dit opvolgmoment bestaat niet.',
    ({ momentId }) => `no follow-up moment "${momentId}"`,
  ),
  'moment.cancelled': text<Moment>(
    (moment) => `De ${momentNl(moment)} werd geannuleerd.`,
    ({ kind, dueOn }) => `the ${kind} of ${dueOn} was cancelled`,
  ),
  'moment.already-reviewed': text<Moment & { reviewedAt: string }>(
    (moment) => `De ${momentNl(moment)} werd al beoordeeld op ${moment.reviewedAt}.`,
    ({ kind, dueOn, reviewedAt }) => `the ${kind} of ${dueOn} was already reviewed on ${reviewedAt}`,
  ),
  'moment.not-due': text<Moment>(
    (moment) => `De ${momentNl(moment)} is nog niet aan de beurt.`,
    ({ kind, dueOn }) => `the ${kind} of ${dueOn} is not due yet`,
  ),
  'link.moment-closed': text(
    () => 'Dit opvolgmoment is niet meer open.',
    () => 'this follow-up moment is no longer open',
  ),
  'link.already-reviewed': text<{ reviewedAt: string }>(
    ({ reviewedAt }) => `De beoordeling werd al geregistreerd op ${reviewedAt}.`,
    ({ reviewedAt }) => `the review was already recorded on ${reviewedAt}`,
  ),
  'link.moment-cancelled': text(
    () => 'Dit opvolgmoment werd geannuleerd.',
    () => 'this follow-up moment was cancelled',
  ),
  'link.other-manager': text<{ email: string }>(
    ({ email }) => `${email} beheert deze opdracht nu.`,
    ({ email }) => `${email} manages this contract now`,
  ),
  'link.not-deciding': text<{ email: string }>(
    ({ email }) => `${email} beslist niet in deze ronde.`,
    ({ email }) => `${email} does not decide in this round`,
  ),
  'amendment.end-not-future': text<{ end: string }>(
    ({ end }) => `Kies een einddatum in de toekomst: ${end} is dat niet.`,
    ({ end }) => `${end} is not in the future`,
  ),
  'amendment.end-before-start': text<{ start: string }>(
    ({ start }) => `Kies een einddatum na de start van de opdracht (${start}).`,
    ({ start }) => `must be after the contract start ${start}`,
  ),
  'amendment.end-unchanged': text<{ end: string }>(
    ({ end }) => `De opdracht eindigt al op ${end}.`,
    ({ end }) => `the contract already ends on ${end}`,
  ),
  'amendment.no-extension-options': text<{ originalEnd: string }>(
    ({ originalEnd }) =>
      `Het bestek voorziet geen verlengingsopties, dus de opdracht kan niet langer lopen dan ${originalEnd}; een langere opdracht vraagt een nieuwe aankoopprocedure.`,
    ({ originalEnd }) =>
      `the tender provides no extension options, so the contract cannot run past ${originalEnd}; a longer contract needs a new procurement`,
  ),
  'amendment.past-extension-options': text<{ months: string; latest: string; end: string }>(
    ({ months, latest, end }) =>
      `Met de verlengingsopties van het bestek (${months} maanden) loopt de opdracht hoogstens tot ${latest}, niet tot ${end}; een langere opdracht vraagt een nieuwe aankoopprocedure.`,
    ({ months, latest, end }) =>
      `the tender's extension options (${months} months) let the contract run until ${latest} at most, not ${end}; a longer contract needs a new procurement`,
  ),
  'amendment.same-manager': text<{ email: string }>(
    ({ email }) => `${email} beheert deze opdracht al.`,
    ({ email }) => `${email} already manages this contract`,
  ),
  'use.until-not-future': text<{ until: string }>(
    ({ until }) => `Kies een datum in de toekomst: ${until} is dat niet.`,
    ({ until }) => `${until} is not in the future`,
  ),
  'use.until-within-contract': text<{ end: string }>(
    ({ end }) =>
      `Gebruik dat doorgaat, loopt langer dan het einde van de opdracht (${end}); wijzig de opdracht om ze vroeger te beëindigen.`,
    ({ end }) => `use going on means past the contract end ${end}; to end the contract earlier, amend it`,
  ),
  // Step 3 and 4 (workflows/procurement/rfi.ts, legal-frame.ts)
  'rfi.only-in-dialogue': text(
    () => 'Een RFI kan alleen tijdens de marktdialoog gepland worden.',
    () => 'an RFI can be scheduled during the market dialogue only',
  ),
  'rfi.findings-submitted': text(
    () => 'De bevindingen van de marktdialoog werden al ingediend.',
    () => 'the market dialogue findings were already submitted',
  ),
  'rfi.closes-in-past': text(
    () => 'Kies een sluitingsdatum die niet in het verleden ligt.',
    () => 'the closing date is in the past',
  ),
  'legal.award-decision-missing': text(
    () =>
      'Het bestek vermeldt het juridisch kader, dus de gunning registreert de formele beslissing (orgaan, datum, referentie) voor de gunningsstap sluit.',
    () =>
      'the tender documents state the legal frame, so the award records the formal decision (body, date, reference) before the award gate closes',
  ),
  'legal.decision-in-future': text<{ date: string }>(
    ({ date }) => `${date} ligt in de toekomst: registreer de beslissing zodra ze genomen is.`,
    ({ date }) => `${date} is in the future: record the decision once it is taken`,
  ),
  'legal.decision-before-offers': text<{ earliest: string }>(
    ({ earliest }) =>
      `De gunningsbeslissing volgt na de ontvangst van de offertes (${earliest} in het bestek).`,
    ({ earliest }) =>
      `the award decision comes after the offers are in (${earliest} in the tender documents)`,
  ),
};
