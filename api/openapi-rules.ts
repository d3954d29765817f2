/**
 * Rules JSON Schema cannot express by itself: zod refinements ("a comment is required to reject",
 * "weights sum to 100", "an IANA time zone"). They are written into the OpenAPI document as the
 * schema's description and as an `x-rules` list, so a client learns them before a 400 does.
 *
 * A refinement with a fixed message documents itself. A `superRefine` has no message to read, so
 * its rule is written here, next to the schema it belongs to; the API tests fail when a refinement
 * reachable from a route has no rule (see `undocumentedRules`).
 */
import { z } from 'zod';
import {
  ambitionsDeliverable,
  approvalPolicy,
  awardDeliverable,
  createProject,
  createProjectRequest,
  decisionInput,
  endOfUseDeliverable,
  gateApprovalOverride,
  needDeliverable,
  tenderDocumentsDeliverable,
} from '../domain/schemas';
import { NO_CONTROL_CHARACTERS } from '../domain/schemas/common';
import { contractReview, useAnswer } from '../domain/schemas/contract';
import { awardLegalFrame, tenderLegalFrame } from '../domain/schemas/legal-frame';
import { marketDialogueDeliverable } from '../domain/schemas/market-dialogue';

/** Optional, nullable and default wrappers hide the refined schema inside. */
function unwrap(schema: z.ZodType): z.ZodType {
  type Wrapped = z.ZodType & { _zod: { def: { innerType?: Wrapped } } };
  let current = schema as Wrapped;
  while (current._zod.def.innerType) current = current._zod.def.innerType;
  return current;
}

const ONCE_PER_EMAIL = 'each email address at most once';

/**
 * Keyed by the schema's definition, which `.meta()` copies share with their original (the OpenAPI
 * document titles the deliverables that way).
 */
const RULES = new Map<unknown, string[]>(
  (
    [
      [decisionInput, ['`comment` is required when `decision` is `reject` or `request-changes`']],
      [approvalPolicy, ['`quorum` is required when `rule` is `quorum`, and allowed only then']],
      [unwrap(createProject.shape.approvers), [ONCE_PER_EMAIL]],
      [
        createProjectRequest,
        [
          "steps 1 and 2 each have an approver: someone in `approvers` with one of the step's default approver roles, or `approvals.gates` naming approvers for its gate (step 2's internal actors take over the later gates)",
        ],
      ],
      [unwrap(gateApprovalOverride.shape.approvers), [ONCE_PER_EMAIL]],
      [unwrap(ambitionsDeliverable.shape.internalActors), [ONCE_PER_EMAIL]],
      [
        ambitionsDeliverable,
        [
          'each `objectiveId` at most once',
          "each strategy belongs to its objective (the catalogue's `ambition_objectives`)",
          'with a single objective, `singleObjectiveReason` is required (more than one is advised)',
        ],
      ],
      [
        unwrap(needDeliverable.shape.alternatives),
        ['every kind of alternative is considered, each `kind` once'],
      ],
      [
        needDeliverable,
        [
          'with `decision.outcome` `no-purchase`, `decision.alternative` (share or reuse) is one assessed as feasible; so is a purchase `decision.route` of refurbish or upgrade',
          '`alternatives[].reach` only on the share and reuse alternatives',
          'no `inventory[].condition` on a line whose `result` is `not-available`',
          'for projects started under the complete-record rule (refused with HTTP 422): `purchaserMandate`, `internalClientDialogue`, a `quantity` on every inventory line, a `condition` where something was found, and `reach` on the share and reuse alternatives; `purchaserMandate.givenOn` and `internalClientDialogue.heldOn` not in the future',
        ],
      ],
      [
        marketDialogueDeliverable.options[0],
        [
          'a desk market scan alone is no dialogue: at least one dialogue of another `form` (or skip the dialogue with a reason)',
          'at least one supplier of the longlist (`suppliers`) has `tookPart`',
          'each `objectiveAdjustments[].objectiveId` at most once, and one of the objectives of the approved ambitions (step 2); an adjustment changes `target`, `strategies` or both, with strategies of its objective',
          'no `planning.milestones[].plannedOn` before `planning.startedOn`',
          '`ambitionLevelAdjustment` changes `shortTerm`, `longTerm` or both',
          'for projects started under the complete-record rule (refused with HTTP 422): `planning` is required',
        ],
      ],
      [unwrap(ambitionsDeliverable.shape.tco), ['with `used` true, `estimateEur` is required']],
      [
        awardDeliverable,
        [
          '`contractEnd` is after `contractStart`',
          'with `legalFrame`, `contractStart` is not before the 15-day standstill after the award decision has passed',
        ],
      ],
      [
        awardLegalFrame,
        [
          '`decision.notifiedOn` is not before `decision.date`',
          '`conclusionOn` is not before the standstill ends (15 days after `decision.notifiedOn`, or after `decision.date` without it)',
          '`startOrderOn` is not before `conclusionOn` (or the end of the standstill without it)',
        ],
      ],
      [
        tenderLegalFrame,
        [
          '`keyDates.offerDeadline` is after `keyDates.publication`',
          '`keyDates.opening` is not before `keyDates.offerDeadline`',
        ],
      ],
      [unwrap(tenderLegalFrame.shape.cpvCodes), ['each CPV code at most once']],
      [
        unwrap((unwrap(tenderLegalFrame.shape.cpvCodes) as z.ZodArray).element as z.ZodType),
        [
          'a CPV code as NNNNNNNN-N with its check digit (the digits weighted 3, 7, 1, 3, 7, 1, 3, 7, modulo 10; in divisions 03 and 09 the format only)',
        ],
      ],
      [
        tenderDocumentsDeliverable,
        [
          'the `awardCriteria` weights sum to 100',
          'awarding on price alone (`awardBasis` `price`, or only `price` criteria) needs `priceOnlyReason`',
          'an execution condition with `conditionId` `custom` needs a `description`',
          'with `legalFrame`, the procedure fits the thresholds in force on `keyDates.publication` for the estimated value with options and extensions: an accepted invoice only below €30,000, the simplified negotiated procedure with publication only below the EU threshold (works: €750,000); a procedure allowed above a threshold only on another legal ground (art. 38, 42) is accepted and shown to the approvers as a warning',
          'with `scope.extensionOptions`, `legalFrame.estimatedValue.extensionsEur` is more than 0',
          'the criteria fit `awardBasis`: `price` has only `price` criteria; `cost-lcc` a `cost` criterion and no others but `price`; `best-price-quality` a `price` or `cost` criterion and another kind; `fixed-price-quality-only` no `price` or `cost` criterion',
          'with `scope.costModel` `none`, no `cost` criterion and no `awardBasis` `cost-lcc`',
          'a `smeAlternative` the catalogue retired (`lots`, `self-declaration`, `vision-plus-evidence`) is refused with the reason',
          'a term with its extensions above the standard (catalogue `legal_frame.standard_term`, 48 months) needs `scope.longerTermReason`',
          'with `scope.payback.askedOfMarket`, `realisticYears` is required; `scope.lots.count` is given when `divided` and only then',
          'with `variants.allowed`, `minimumRequirements` is required; with `ambitionsInTender.included`, `where` is required',
        ],
      ],
      [unwrap(endOfUseDeliverable.shape.items), ['each `itemId` at most once']],
      [
        unwrap((unwrap(endOfUseDeliverable.shape.items) as z.ZodArray).element as z.ZodType),
        [
          'a route other than `repair-keep` (the most valuable) needs `lowerRouteReason`',
          'the `buy-back` channel needs `residualValueEur`',
          "on contracts concluded with the step-6 rules (`contract.endOfUseRules`, answered 422): an item that leaves use (route other than `repair-keep`) has `qualityParameters`; `recycle`, `energy-recovery` and `disposal` need `certificateRef`; `parts-harvesting`, `recycle` and `energy-recovery` need a `chain`; `contractConditionId` is one of the tender's end-of-use execution conditions",
        ],
      ],
      [
        unwrap(
          (
            unwrap(
              ((unwrap(endOfUseDeliverable.shape.items) as z.ZodArray).element as unknown as z.ZodObject)
                .shape.qualityParameters as z.ZodType,
            ) as z.ZodArray
          ).element as z.ZodType,
        ),
        ['with `sufficient` false, `threshold` is required'],
      ],
      [unwrap(contractReview.shape.kpis), ['each `kpiId` at most once']],
      [unwrap(contractReview.shape.growthCommitments), ['each commitment `id` at most once']],
      [unwrap(contractReview.shape.internalUse), ['with `correct` other than `yes`, `findings` is required']],
      [unwrap(contractReview.shape.supplier), ['with `attended` false, `ownReport` is required']],
      [
        useAnswer,
        ['with `continues` true, `until` is required; with `continues` false, `until` is not allowed'],
      ],
    ] as [z.ZodType, string[]][]
  ).map(([schema, rules]) => [schema._zod.def, rules]),
);

/**
 * The rules written for this schema or for the one it was derived from: a schema refined further
 * (a deliverable with its size limit, domain/schemas/deliverables.ts) keeps its original's checks.
 */
function writtenRules(schema: z.ZodType): string[] | undefined {
  for (let s: z.ZodType | undefined = schema; s; s = (s._zod as { parent?: z.ZodType }).parent) {
    const written = RULES.get(s._zod.def);
    if (written) return written;
  }
  return undefined;
}

/** Fixed messages worded as the failure, reworded as the rule. */
const AS_RULE: Record<string, string> = {
  'is not a calendar date': 'a date that exists (not 30 February)',
};

/** Text without control characters (tab and line breaks are fine), as a JSON Schema pattern. */
const NO_CONTROL_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$';

interface CustomCheck {
  _zod: { def: { check: string; error?: (issue: unknown) => unknown } };
}

/** The fixed message of a `refine(fn, message)`, or undefined for a `superRefine`. */
function fixedMessage(check: CustomCheck): string | undefined {
  const error = check._zod.def.error;
  if (typeof error !== 'function') return undefined;
  try {
    const message = error({ code: 'custom', input: undefined, path: [] });
    if (typeof message === 'string') return message;
    if (message && typeof message === 'object' && 'message' in message) return String(message.message);
  } catch {
    // A message computed from the failing value: nothing fixed to document.
  }
  return undefined;
}

type OverrideContext = Parameters<
  NonNullable<NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override']>
>[0];

/** The rules of one schema, and whether one of its refinements has none. */
function rulesOf(schema: unknown): { rules: string[]; pattern?: string; undocumented: boolean } {
  const checks = ((schema as { _zod: { def: { checks?: CustomCheck[] } } })._zod.def.checks ?? []).filter(
    (check) => check._zod.def.check === 'custom',
  );
  const rules: string[] = [];
  let pattern: string | undefined;
  let undocumented = false;
  for (const check of checks) {
    const message = fixedMessage(check);
    if (message === NO_CONTROL_CHARACTERS) pattern = NO_CONTROL_PATTERN;
    else if (message) rules.push(AS_RULE[message] ?? message);
    else {
      const written = writtenRules(schema as z.ZodType);
      if (written) rules.push(...written);
      else undocumented = true;
    }
  }
  return { rules: [...new Set(rules)], ...(pattern ? { pattern } : {}), undocumented };
}

/** The `override` of z.toJSONSchema: writes each schema's rules into its JSON Schema. */
export function describeRules(ctx: OverrideContext): void {
  const { rules, pattern } = rulesOf(ctx.zodSchema);
  const json = ctx.jsonSchema as Record<string, unknown>;
  if (pattern && json.type === 'string') json.pattern ??= pattern;
  if (rules.length === 0) return;
  const sentence = `Rules: ${rules.join('; ')}.`;
  json.description = typeof json.description === 'string' ? `${json.description} ${sentence}` : sentence;
  json['x-rules'] = rules;
}

/** JSON paths of refinements under `schema` whose rule nobody wrote down (for the API tests). */
export function undocumentedRules(schema: z.ZodType): string[] {
  const missing = new Set<string>();
  z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (rulesOf(ctx.zodSchema).undocumented) missing.add(ctx.path.join('.') || '(root)');
    },
  });
  return [...missing];
}
