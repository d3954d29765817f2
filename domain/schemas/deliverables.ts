/** Per gate: the schema and the type of the deliverable each gate approves. */
import { INPUT_MAX_BYTES, withinBytes } from './common';
import { type AmbitionsDeliverable, ambitionsDeliverable } from './ambitions';
import { type AwardDeliverable, awardDeliverable } from './award';
import { type EndOfUseDeliverable, endOfUseDeliverable } from './end-of-use';
import { type EvaluationDeliverable, evaluationDeliverable } from './evaluation';
import { type MarketDialogueDeliverable, marketDialogueDeliverable } from './market-dialogue';
import { type NeedDeliverable, needDeliverable } from './need';
import { type TenderDocumentsDeliverable, tenderDocumentsDeliverable } from './tender-documents';

const capped = <T extends Parameters<typeof withinBytes>[0]>(schema: T): T =>
  withinBytes(schema, INPUT_MAX_BYTES.deliverable, 'the deliverable');

/** Each within INPUT_MAX_BYTES.deliverable in all, on top of its own fields' maxima. */
export const deliverableSchemas = {
  'circular-need': capped(needDeliverable),
  'circular-ambitions': capped(ambitionsDeliverable),
  'market-dialogue': capped(marketDialogueDeliverable),
  'tender-documents': capped(tenderDocumentsDeliverable),
  award: capped(awardDeliverable),
  'end-of-use': capped(endOfUseDeliverable),
  evaluate: capped(evaluationDeliverable),
} as const;

export interface DeliverableByGate {
  'circular-need': NeedDeliverable;
  'circular-ambitions': AmbitionsDeliverable;
  'market-dialogue': MarketDialogueDeliverable;
  'tender-documents': TenderDocumentsDeliverable;
  award: AwardDeliverable;
  'end-of-use': EndOfUseDeliverable;
  evaluate: EvaluationDeliverable;
}
