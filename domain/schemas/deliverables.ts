/** Per gate: the schema and the type of the deliverable each gate approves. */
import { type AmbitionsDeliverable, ambitionsDeliverable } from './ambitions';
import { type AwardDeliverable, awardDeliverable } from './award';
import { type EndOfUseDeliverable, endOfUseDeliverable } from './end-of-use';
import { type EvaluationDeliverable, evaluationDeliverable } from './evaluation';
import { type MarketDialogueDeliverable, marketDialogueDeliverable } from './market-dialogue';
import { type NeedDeliverable, needDeliverable } from './need';
import { type TenderDocumentsDeliverable, tenderDocumentsDeliverable } from './tender-documents';

export const deliverableSchemas = {
  'circular-need': needDeliverable,
  'circular-ambitions': ambitionsDeliverable,
  'market-dialogue': marketDialogueDeliverable,
  'tender-documents': tenderDocumentsDeliverable,
  award: awardDeliverable,
  'end-of-use': endOfUseDeliverable,
  evaluate: evaluationDeliverable,
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
