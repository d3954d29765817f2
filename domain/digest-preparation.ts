/**
 * The digest lines of the preparation steps (1 need, 2 ambitions, 3 market dialogue), and the
 * objectives' targets as later steps show them: what an approver reads in the mail and on the
 * decision page, nl and en.
 */
import type { AdjustedObjective, ambitionLevelAfterDialogue } from './ambitions-after-dialogue';
import { type Locale, catalogue, label } from './catalogue';
import { clip, t } from './digest-text';
import type { DeliverableByGate } from './schemas';

type Need = DeliverableByGate['circular-need'];
type Ambitions = DeliverableByGate['circular-ambitions'];
type Dialogue = DeliverableByGate['market-dialogue'];
type Labels<K extends string> = Record<K, Record<Locale, string>>;

type NeedChoice = 'share' | 'reuse' | 'refurbish' | 'upgrade' | 'need-gone';
const NEED_CHOICES: Labels<NeedChoice> = {
  share: { nl: 'delen', en: 'share' },
  reuse: { nl: 'hergebruiken', en: 'reuse' },
  refurbish: { nl: 'opknappen', en: 'refurbish' },
  upgrade: { nl: 'upgraden', en: 'upgrade' },
  'need-gone': { nl: 'de nood is verdwenen', en: 'the need has gone' },
};
export const choice = (id: NeedChoice, l: Locale): string => NEED_CHOICES[id][l];

const CONDITIONS: Labels<NonNullable<Need['inventory'][number]['condition']>> = {
  good: { nl: 'goed', en: 'good' },
  usable: { nl: 'bruikbaar', en: 'usable' },
  'needs-repair': { nl: 'te herstellen', en: 'needs repair' },
  'beyond-use': { nl: 'niet meer bruikbaar', en: 'beyond use' },
};
const HOLDERS: Labels<NonNullable<Need['inventory'][number]['holder']>> = {
  'own-service': { nl: 'eigen dienst', en: 'own service' },
  'other-department-or-location': { nl: 'andere afdeling of locatie', en: 'other department or location' },
  'other-organisation': { nl: 'andere organisatie', en: 'other organisation' },
};
const REACH: Labels<NonNullable<Need['alternatives'][number]['reach']>> = {
  internal: { nl: 'intern', en: 'internally' },
  external: { nl: 'met andere organisaties', en: 'with other organisations' },
  both: { nl: 'intern en met andere organisaties', en: 'internally and with other organisations' },
};
const COLLABORATION_STATUS: Labels<
  NonNullable<Extract<Dialogue, { mode: 'dialogue' }>['collaborations']>[number]['status']
> = {
  idea: { nl: 'idee', en: 'idea' },
  agreed: { nl: 'afgesproken', en: 'agreed' },
  started: { nl: 'opgestart', en: 'started' },
};

const objectiveLabel = (id: string, l: Locale) => label(catalogue.ambition_objectives.items, id, l);
const strategyLabels = (objectiveId: string, ids: string[], l: Locale): string => {
  const strategies = catalogue.ambition_objectives.items.find((o) => o.id === objectiveId)?.strategies ?? [];
  return ids.map((id) => label(strategies, id, l)).join(', ');
};

/** What a tender for refurbishing or upgrading is about: each line with its count, condition and place. */
export function inventoryItemText(line: Need['inventory'][number], l: Locale): string {
  const count = [
    ...(line.quantity !== undefined ? [`×${line.quantity}`] : []),
    ...(line.condition ? [CONDITIONS[line.condition][l]] : []),
  ].join(', ');
  return `${line.what}${count ? ` ${count}` : ''} (${line.where})`;
}

function inventoryLine(line: Need['inventory'][number], l: Locale): string {
  const details = [
    ...(line.quantity !== undefined ? [`×${line.quantity}`] : []),
    ...(line.condition ? [CONDITIONS[line.condition][l]] : []),
    ...(line.holder ? [HOLDERS[line.holder][l]] : []),
  ];
  return details.length > 0 ? `${line.what} (${details.join(', ')})` : line.what;
}

export function needLines(need: Need, l: Locale): string[] {
  const decision = need.decision;
  const mandate = need.purchaserMandate;
  const dialogue = need.internalClientDialogue;
  return [
    `${t(l, 'Functionele nood', 'Functional need')}: ${clip(need.functionalNeed)}`,
    ...(mandate
      ? [
          `${t(l, 'Mandaat van de aankoper', 'Purchaser’s mandate')}: ${t(l, 'gegeven door', 'given by')} ${mandate.givenBy} ${t(l, 'op', 'on')} ${mandate.givenOn}: ${clip(mandate.scope, 120)}`,
        ]
      : []),
    ...(dialogue
      ? [
          `${t(l, 'Dialoog met de interne klant', 'Dialogue with the internal client')} (${dialogue.heldOn}, ${dialogue.with.join(', ')}): ${t(l, 'gevraagd', 'asked for')} “${clip(dialogue.initialRequest, 80)}”; ${t(l, 'samen vastgesteld', 'surfaced together')}: ${clip(dialogue.surfaced, 120)}`,
        ]
      : []),
    `${t(l, 'Inventaris', 'Inventory')}: ${clip(need.inventory.map((line) => inventoryLine(line, l)).join('; '), 240)}`,
    `${t(l, 'Haalbare alternatieven', 'Feasible alternatives')}: ${
      need.alternatives
        .filter((a) => a.feasible)
        .map((a) => (a.reach ? `${choice(a.kind, l)} (${REACH[a.reach][l]})` : choice(a.kind, l)))
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
  ];
}

/**
 * The source advises "verschillende strategieën per doelstelling": an objective with a single
 * strategy is allowed, and the approvers see the advice.
 */
export function singleStrategyAdvice(ambitions: Pick<Ambitions, 'objectives'>, l: Locale): string[] {
  const single = ambitions.objectives.filter((o) => o.strategies.length === 1);
  if (single.length === 0) return [];
  const names = single.map((o) => objectiveLabel(o.objectiveId, l)).join(', ');
  return [
    t(
      l,
      `Let op: één strategie voor ${names}; de ambitiekaart raadt aan verschillende strategieën per doelstelling te hanteren, dat geeft meer kans op succes`,
      `Note: a single strategy for ${names}; the ambition map advises several strategies per objective, for a better chance of success`,
    ),
  ];
}

export function ambitionsLines(ambitions: Ambitions, l: Locale): string[] {
  return [
    ...ambitions.objectives.map(
      (o) =>
        `${objectiveLabel(o.objectiveId, l)}: ${o.strategies.length} ${t(
          l,
          'strategie(ën)',
          'strateg(y/ies)',
        )}; ${clip(o.indicator.description, 80)} (${t(l, 'nulmeting', 'baseline')} ${o.baseline.value} ${o.indicator.unit})`,
    ),
    ...singleStrategyAdvice(ambitions, l),
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
  ];
}

type HeldDialogue = Extract<Dialogue, { mode: 'dialogue' }>;

function adjustmentLine(adjustment: NonNullable<HeldDialogue['objectiveAdjustments']>[number], l: Locale) {
  const changes = [
    ...(adjustment.target !== undefined ? [`${t(l, 'doel', 'target')} ${adjustment.target}`] : []),
    ...(adjustment.strategies
      ? [
          `${t(l, 'strategieën', 'strategies')}: ${strategyLabels(adjustment.objectiveId, adjustment.strategies, l)}`,
        ]
      : []),
  ];
  return `${t(l, 'Ambitie bijgesteld', 'Ambition adjusted')}: ${objectiveLabel(adjustment.objectiveId, l)}: ${changes.join('; ')} (${clip(adjustment.reason, 100)})`;
}

function planningLines(planning: HeldDialogue['planning'], l: Locale): string[] {
  if (!planning) return [];
  const reached = planning.milestones.filter((m) => m.reachedOn !== undefined);
  const late = reached.filter((m) => (m.reachedOn ?? '') > m.plannedOn);
  const open = planning.milestones.filter((m) => m.reachedOn === undefined);
  const next = [...open].sort((a, b) => a.plannedOn.localeCompare(b.plannedOn))[0];
  return [
    [
      `${t(l, 'Planning', 'Planning')}: ${t(l, 'gestart op', 'started on')} ${planning.startedOn}, ${t(l, 'doorlooptijd', 'lead time')} ${planning.leadTimeWeeks} ${t(l, 'weken', 'weeks')}`,
      `${reached.length}/${planning.milestones.length} ${t(l, 'mijlpalen bereikt', 'milestones reached')}`,
      ...(late.length > 0 ? [`${late.length} ${t(l, 'later dan gepland', 'later than planned')}`] : []),
      ...(next ? [`${t(l, 'volgende', 'next')}: ${clip(next.what, 60)} (${next.plannedOn})`] : []),
    ].join('; '),
  ];
}

export function dialogueLines(dialogue: Dialogue, l: Locale): string[] {
  if (dialogue.mode === 'skipped') {
    return [`${t(l, 'Marktdialoog overgeslagen', 'Market dialogue skipped')}: ${clip(dialogue.reason)}`];
  }
  const suppliers = dialogue.suppliers ?? [];
  const collaborations = dialogue.collaborations ?? [];
  return [
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
    ...(dialogue.objectiveAdjustments ?? []).map((adjustment) => adjustmentLine(adjustment, l)),
    ...(dialogue.ambitionLevelAdjustment
      ? [
          `${t(l, 'Ambitieniveau bijgesteld', 'Ambition level adjusted')}: ${[
            ...(dialogue.ambitionLevelAdjustment.shortTerm
              ? [
                  `${t(l, 'korte termijn', 'short term')}: ${clip(dialogue.ambitionLevelAdjustment.shortTerm, 80)}`,
                ]
              : []),
            ...(dialogue.ambitionLevelAdjustment.longTerm
              ? [
                  `${t(l, 'lange termijn', 'long term')}: ${clip(dialogue.ambitionLevelAdjustment.longTerm, 80)}`,
                ]
              : []),
          ].join('; ')} (${clip(dialogue.ambitionLevelAdjustment.reason, 100)})`,
        ]
      : []),
    ...(collaborations.length > 0
      ? [
          `${t(l, 'Samenwerkingen', 'Collaborations')}: ${clip(
            collaborations
              .map((c) => `${c.partners.join(' + ')}: ${c.purpose} (${COLLABORATION_STATUS[c.status][l]})`)
              .join('; '),
            240,
          )}`,
        ]
      : []),
    ...planningLines(dialogue.planning, l),
  ];
}

/** The ambition level as later steps read it, when the market dialogue adjusted it. */
export function adjustedAmbitionLevelLines(
  level: ReturnType<typeof ambitionLevelAfterDialogue>,
  l: Locale,
): string[] {
  if (!level?.adjusted) return [];
  return [
    `${t(l, 'Ambitieniveau (bijgesteld na de marktdialoog)', 'Ambition level (adjusted after the market dialogue)')}: ${t(l, 'korte termijn', 'short term')}: ${clip(level.shortTerm, 80)}; ${t(l, 'lange termijn', 'long term')}: ${clip(level.longTerm, 80)}`,
  ];
}

/**
 * The objectives' targets as later steps read them: after the market dialogue's adjustments, with
 * the step-2 target an adjustment replaced. No line when no objective has a target.
 */
export function objectiveTargetLines(objectives: AdjustedObjective[], l: Locale): string[] {
  const shown = objectives.filter((o) => o.target !== undefined || o.adjusted);
  if (shown.length === 0) return [];
  const parts = shown.map((o) => {
    const target =
      o.target !== undefined
        ? `${t(l, 'doel', 'target')} ${o.target} ${o.indicator.unit}`
        : t(l, 'geen doel', 'no target');
    const adjusted = o.adjusted
      ? ` (${t(l, 'bijgesteld na de marktdialoog', 'adjusted after the market dialogue')}${
          o.adjusted.targetBefore !== undefined ? `, ${t(l, 'was', 'was')} ${o.adjusted.targetBefore}` : ''
        })`
      : '';
    return `${objectiveLabel(o.objectiveId, l)}: ${target}${adjusted}`;
  });
  return [`${t(l, 'Doelstellingen', 'Objectives')}: ${parts.join('; ')}`];
}
