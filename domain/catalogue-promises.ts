/**
 * What keeps each promise of the catalogue: every `required_deliverables` entry and every
 * `gate_to_next` condition of each step names what enforces or records it — a field of a schema,
 * a document kind of the case file, an approver role of the step's gate, or a rule of the workflow
 * with the test that proves it. test/domain/catalogue-promises.test.ts checks that every promise has
 * a keeper and that each keeper exists; a promise nothing keeps was removed from the catalogue.
 */
import type { z } from 'zod';
import type { GateId, StepId } from './catalogue';
import type { DocumentKindId } from './documents';
import { contractAmendment, contractReview, startEndOfUse } from './schemas/contract';
import { deliverableSchemas } from './schemas/deliverables';

export type PromiseKeeper =
  /**
   * A field of a schema, by its path: names separated by dots, `[]` for a list's items,
   * `key=value` for the branch of a union (`mode=dialogue.suppliers`).
   */
  | { field: string; of: z.ZodType; schemaName: string }
  /** A document kind that the step's case file keeps. */
  | { document: DocumentKindId }
  /** A role that the gate's approval round asks by default. */
  | { approvedBy: string; gate: GateId }
  /** A rule the workflow or the domain enforces, where it is written and which test proves it. */
  | { rule: string; where: string; test: string };

const field =
  (schemaName: string, of: z.ZodType) =>
  (path: string): PromiseKeeper => ({ field: path, of, schemaName });

const need = field('circular-need', deliverableSchemas['circular-need']);
const ambitions = field('circular-ambitions', deliverableSchemas['circular-ambitions']);
const dialogue = field('market-dialogue', deliverableSchemas['market-dialogue']);
const tender = field('tender-documents', deliverableSchemas['tender-documents']);
const award = field('award', deliverableSchemas.award);
const endOfUse = field('end-of-use', deliverableSchemas['end-of-use']);
const evaluation = field('evaluate', deliverableSchemas.evaluate);
const review = field('contract review', contractReview);
const amendment = field('contract amendment', contractAmendment);
const endOfUseStart = field('start of end of use', startEndOfUse);

const EVALUATION_COVERAGE: PromiseKeeper = {
  rule: 'the evaluation is refused unless every step-2 objective has its end value and, after a contract, its contract value',
  where: 'domain/evaluation-coverage.ts',
  test: 'test/domain/evaluation-coverage.test.ts',
};

/** Per step: each promise of the catalogue, in its words, and what keeps it. */
export const PROMISE_KEEPERS: Record<StepId, Record<string, PromiseKeeper[]>> = {
  'circular-need': {
    functional_need_statement: [need('functionalNeed'), need('requirements')],
    asset_inventory: [need('inventory')],
    alternatives_assessment: [need('alternatives'), need('sharingPlatformsConsulted')],
    purchaser_mandate: [
      need('purchaserMandate'),
      {
        rule: 'projects started from patch complete-step-records on must record the mandate before step 1 is approved',
        where: 'workflows/procurement/record-rules.ts',
        test: 'test/workflow/preparation-records.test.ts',
      },
    ],
    'functional need signed off by internal client': [
      { approvedBy: 'internal-client', gate: 'circular-need' },
    ],
    'inventory and no-buy alternatives checked and recorded': [need('inventory'), need('alternatives')],
    'decision to proceed recorded': [need('decision')],
  },
  'circular-ambitions': {
    ambition_selection: [ambitions('objectives[].objectiveId'), ambitions('objectives[].strategies')],
    indicators: [ambitions('objectives[].indicator')],
    baseline_values: [ambitions('objectives[].baseline')],
    stakeholder_map: [ambitions('internalActors')],
    business_case_tco: [ambitions('tco'), ambitions('businessCase')],
    'at least one objective with strategies and indicator': [ambitions('objectives[].indicator')],
    'baseline measured': [ambitions('objectives[].baseline.value')],
    'management endorsement of ambition level': [
      ambitions('ambitionLevel'),
      { approvedBy: 'management', gate: 'circular-ambitions' },
    ],
  },
  'market-dialogue': {
    market_dialogue_plan: [
      dialogue('mode=dialogue.dialogues[].form'),
      dialogue('mode=dialogue.dialogues[].date'),
    ],
    market_consultation_report: [
      dialogue('mode=dialogue.dialogues[].findings'),
      { document: 'consultation-report' },
    ],
    supplier_longlist: [dialogue('mode=dialogue.suppliers')],
    feasibility_assessment: [
      dialogue('mode=dialogue.dialogues[].findings'),
      dialogue('mode=dialogue.ambitionAdjustment'),
    ],
    procedure_recommendation: [dialogue('mode=dialogue.procedureRecommendation')],
    'consultation report shared with all participants': [{ document: 'consultation-report' }],
    'ambition confirmed or adjusted': [
      dialogue('mode=dialogue.ambitionAdjustment'),
      dialogue('mode=dialogue.sharedWithMarket'),
    ],
    'procedure choice justified': [
      dialogue('mode=dialogue.procedureRecommendation'),
      tender('procedureJustification'),
    ],
  },
  'specify-and-award': {
    procedure_justification: [tender('procedureJustification')],
    tender_documents: [
      tender('awardCriteria'),
      tender('executionConditions'),
      { document: 'tender-documents' },
    ],
    award_decision: [award('legalFrame.decision'), { document: 'reasoned-decision' }],
    contract_indicator_values: [award('contractIndicatorValues')],
    kpi_schedule: [award('followUpCadence')],
    'standstill period passed / contract concluded': [
      {
        rule: 'the contract starts only after the 15-day standstill, on a durable timer',
        where: 'workflows/procurement/legal-frame.ts',
        test: 'test/workflow/legal-frame.test.ts',
      },
    ],
    'circular clauses and KPIs in the contract': [tender('executionConditions'), award('followUpCadence')],
    'contract values of indicators recorded': [award('contractIndicatorValues'), EVALUATION_COVERAGE],
  },
  'use-and-execution': {
    contract_management_plan: [award('followUpCadence'), award('contractManager')],
    kpi_reports: [review('kpis'), { document: 'kpi-report' }],
    review_minutes: [review('performance'), review('issues')],
    maintenance_repair_log: [review('repair'), review('maintenance')],
    training_records: [review('userTraining')],
    change_log: [amendment('reason')],
    'end-of-use trigger reached (lifetime, need change, contract end)': [
      endOfUseStart('reason'),
      {
        rule: 'the end-of-use reminder before the contract end, and the contract end itself, move the project to step 6',
        where: 'workflows/procurement/contract-timers.ts',
        test: 'test/contract/ten-year-contract.test.ts',
      },
    ],
  },
  'end-of-use': {
    end_of_use_inventory: [endOfUse('items')],
    valorisation_decisions: [endOfUse('items[].routeId'), endOfUse('items[].lowerRouteReason')],
    takeback_buyback_records: [endOfUse('items[].channelId'), endOfUse('items[].residualValueEur')],
    destination_certificates: [endOfUse('items[].certificateRef'), { document: 'destination-certificate' }],
    residual_value_realised: [endOfUse('items[].residualValueEur')],
    'route recorded for every item': [endOfUse('items[].routeId')],
    'end-of-contract indicator values measured': [evaluation('indicatorValues[].end'), EVALUATION_COVERAGE],
  },
  evaluate: {
    end_of_contract_indicator_values: [evaluation('indicatorValues[].end')],
    lessons_learned: [evaluation('lessons')],
    evaluation_report: [evaluation('impact'), evaluation('successFactors'), evaluation('barriers')],
    sharing_record: [evaluation('sharedWith')],
    'lessons stored and linked to product group': [
      {
        rule: "a completed project's lessons go to its product group's lessons workflow",
        where: 'workflows/lessons.ts',
        test: 'test/workflow/process.test.ts',
      },
    ],
    'input handed to next step-1 cycle': [
      evaluation('nextTime'),
      evaluation('nextAmbitionLevel'),
      {
        rule: 'the lessons of the product group are shown to whoever starts its next project',
        where: 'api/projects/read.ts',
        test: 'test/api/api.test.ts',
      },
    ],
  },
};
