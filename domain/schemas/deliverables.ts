/** Per gate: the schema and the type of the deliverable each gate approves. */
import { INPUT_MAX_BYTES, withinBytes } from './common';
import { withDocuments } from './documents';
import { type AmbitionsDeliverable, ambitionsDeliverable } from './ambitions';
import { type AwardDeliverable, awardDeliverable } from './award';
import { type EndOfUseDeliverable, endOfUseDeliverable } from './end-of-use';
import { type EvaluationDeliverable, evaluationDeliverable } from './evaluation';
import { type MarketDialogueDeliverable, marketDialogueDeliverable } from './market-dialogue';
import { type NeedDeliverable, needDeliverable } from './need';
import { type TenderDocumentsDeliverable, tenderDocumentsDeliverable } from './tender-documents';

const capped = <T extends Parameters<typeof withinBytes>[0]>(schema: T): T =>
  withinBytes(schema, INPUT_MAX_BYTES.deliverable, 'the deliverable');

/**
 * Each within INPUT_MAX_BYTES.deliverable in all, on top of its own fields' maxima, with the
 * optional references to its documents (schemas/documents.ts).
 */
export const deliverableSchemas = {
  'circular-need': capped(withDocuments(needDeliverable, 'circular-need')),
  'circular-ambitions': capped(withDocuments(ambitionsDeliverable, 'circular-ambitions')),
  'market-dialogue': capped(withDocuments(marketDialogueDeliverable, 'market-dialogue')),
  'tender-documents': capped(withDocuments(tenderDocumentsDeliverable, 'tender-documents')),
  award: capped(withDocuments(awardDeliverable, 'award')),
  'end-of-use': capped(withDocuments(endOfUseDeliverable, 'end-of-use')),
  evaluate: capped(withDocuments(evaluationDeliverable, 'evaluate')),
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
