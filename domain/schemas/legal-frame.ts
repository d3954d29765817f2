/**
 * The Belgian legal and financial frame of step 4: what the tender documents state (value, CPV
 * codes, buyer, key dates) and the formal award decision. Optional in both deliverables, so
 * projects that started before keep working; once the tender states it, the award must record
 * the formal decision (workflows/procurement/legal-frame.ts).
 */
import { z } from 'zod';
import { cpvRuleProblem } from '../legal-frame/cpv';
import { type AwardDecisionDates, standstillEndsOn } from '../legal-frame/contract-dates';
import { BUYER_TYPES, CONTRACT_TYPES, checkProcedure } from '../legal-frame/thresholds';
import { addProblemIssue, addRuleIssue, isoDate, text } from './common';

/** Who takes the award decision: the council, the college (of mayor and aldermen), or an official it delegated. */
export const DECISION_BODIES = ['council', 'college', 'delegated-official'] as const;
export type DecisionBody = (typeof DECISION_BODIES)[number];

const euros = z.number().finite().min(0).max(100_000_000_000);

const cpvCode = z
  .string()
  .trim()
  .max(20)
  .superRefine((code, ctx) => {
    const problem = cpvRuleProblem(code);
    if (problem) addProblemIssue(ctx, undefined, problem);
  });

export const tenderLegalFrame = z
  .object({
    buyerType: z.enum(BUYER_TYPES),
    contractType: z.enum(CONTRACT_TYPES),
    /** Excluding VAT; what the thresholds are compared with is the sum of the three. */
    estimatedValue: z.object({
      baseEur: euros.positive('the estimated value must be more than 0'),
      optionsEur: euros.default(0),
      extensionsEur: euros.default(0),
    }),
    /** The main CPV code first. */
    cpvCodes: z
      .array(cpvCode)
      .min(1, 'name at least the main CPV code')
      .max(20)
      .superRefine((list, ctx) =>
        list.forEach((code, index) => {
          if (list.indexOf(code) !== index) addRuleIssue(ctx, [index], 'legal.cpv-twice', { code });
        }),
      ),
    keyDates: z.object({
      /** Publication of the notice, or the invitation to tender where there is no publication. */
      publication: isoDate,
      offerDeadline: isoDate,
      opening: isoDate.optional(),
    }),
  })
  .superRefine((frame, ctx) => {
    const { publication, offerDeadline, opening } = frame.keyDates;
    if (offerDeadline <= publication)
      addRuleIssue(ctx, ['keyDates', 'offerDeadline'], 'legal.offer-deadline-before-publication', {
        publication,
      });
    if (opening !== undefined && opening < offerDeadline)
      addRuleIssue(ctx, ['keyDates', 'opening'], 'legal.opening-before-deadline', { offerDeadline });
  });
export type TenderLegalFrame = z.infer<typeof tenderLegalFrame>;

/** The tender-level rules that need the rest of the tender: the procedure against the thresholds, the extension value. */
export function checkTenderLegalFrame(
  tender: {
    procedure: string;
    scope: { extensionOptions: { months: number }[] };
    legalFrame?: TenderLegalFrame | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const frame = tender.legalFrame;
  if (!frame) return;
  if (tender.scope.extensionOptions.length > 0 && frame.estimatedValue.extensionsEur === 0) {
    addRuleIssue(
      ctx,
      ['legalFrame', 'estimatedValue', 'extensionsEur'],
      'legal.extensions-value-missing',
      {},
    );
  }
  const check = checkProcedure({
    procedure: tender.procedure,
    contractType: frame.contractType,
    buyerType: frame.buyerType,
    estimatedValue: frame.estimatedValue,
    date: frame.keyDates.publication,
  });
  if (check.verdict === 'refusal') {
    for (const reason of check.reasons)
      addRuleIssue(ctx, ['procedure'], 'legal.procedure-refused', { nl: reason.nl, en: reason.en });
  }
}

export const awardLegalFrame = z
  .object({
    decision: z.object({
      body: z.enum(DECISION_BODIES),
      date: isoDate,
      /** The decision's own reference (register number, agenda item). */
      reference: text(200),
      notifiedOn: isoDate.optional(),
    }),
    conclusionOn: isoDate.optional(),
    startOrderOn: isoDate.optional(),
  })
  .superRefine((frame, ctx) => {
    const { date, notifiedOn } = frame.decision;
    if (notifiedOn !== undefined && notifiedOn < date)
      addRuleIssue(ctx, ['decision', 'notifiedOn'], 'legal.notified-before-decision', { date });
    const standstillEnds = standstillEndsOn(frame.decision);
    if (frame.conclusionOn !== undefined && frame.conclusionOn < standstillEnds)
      addRuleIssue(ctx, ['conclusionOn'], 'legal.concluded-in-standstill', { standstillEnds });
    const after = frame.conclusionOn ?? standstillEnds;
    if (frame.startOrderOn !== undefined && frame.startOrderOn < after)
      addRuleIssue(ctx, ['startOrderOn'], 'legal.start-order-before-conclusion', { after });
  });
export type AwardLegalFrame = z.infer<typeof awardLegalFrame>;

/** The contract cannot start before the standstill has passed. */
export function checkContractStart(
  award: { contractStart: string; legalFrame?: { decision: AwardDecisionDates } | undefined },
  ctx: z.RefinementCtx,
): void {
  if (!award.legalFrame) return;
  const standstillEnds = standstillEndsOn(award.legalFrame.decision);
  if (award.contractStart < standstillEnds)
    addRuleIssue(ctx, ['contractStart'], 'legal.start-in-standstill', { standstillEnds });
}
