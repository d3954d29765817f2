/**
 * Every promise of the catalogue is kept: each `required_deliverables` entry and `gate_to_next`
 * condition of each step has a keeper (domain/catalogue-promises.ts), and each keeper exists — the
 * field in its schema, the document kind in the step's case file, the role among the gate's default
 * approvers, the rule's source and test files.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GATE_STEP, STEP_IDS, catalogue, stepInfo } from '../../domain/catalogue';
import { PROMISE_KEEPERS, type PromiseKeeper } from '../../domain/catalogue-promises';
import { DOCUMENT_KINDS } from '../../domain/documents';
import { jsonSchemaOf, nodeAt } from '../helpers/schema-limits';

const root = join(__dirname, '..', '..');

function problemOf(keeper: PromiseKeeper, step: string): string | undefined {
  if ('field' in keeper) {
    try {
      nodeAt(jsonSchemaOf(keeper.of), keeper.field);
      return undefined;
    } catch {
      return `${keeper.schemaName} has no field ${keeper.field}`;
    }
  }
  if ('document' in keeper) {
    const kind = DOCUMENT_KINDS.find((k) => k.id === keeper.document);
    return kind?.step === step ? undefined : `no document kind ${keeper.document} in step ${step}`;
  }
  if ('approvedBy' in keeper)
    return stepInfo(GATE_STEP[keeper.gate]).default_approver_roles.includes(keeper.approvedBy)
      ? undefined
      : `${keeper.approvedBy} is not a default approver of ${keeper.gate}`;
  const missing = [keeper.where, keeper.test].filter((file) => !existsSync(join(root, file)));
  return missing.length === 0
    ? undefined
    : `the rule "${keeper.rule}" names missing files ${missing.join(', ')}`;
}

test.each(STEP_IDS)('every promise of step %s has a keeper, and nothing else is claimed', (step) => {
  const info = catalogue.steps.find((s) => s.id === step);
  const promised = [...(info?.required_deliverables ?? []), ...(info?.gate_to_next ?? [])].sort();
  expect(Object.keys(PROMISE_KEEPERS[step]).sort()).toEqual(promised);
  for (const keepers of Object.values(PROMISE_KEEPERS[step])) expect(keepers.length).toBeGreaterThan(0);
});

test.each(STEP_IDS)('every keeper of step %s exists', (step) => {
  const problems = Object.entries(PROMISE_KEEPERS[step]).flatMap(([promise, keepers]) =>
    keepers
      .map((keeper) => problemOf(keeper, step))
      .flatMap((problem) => (problem ? [`${promise}: ${problem}`] : [])),
  );
  expect(problems).toEqual([]);
});

test('a keeper that does not exist is reported', () => {
  expect(problemOf({ field: 'nope', of: z.object({ yes: z.string() }), schemaName: 'x' }, 'evaluate')).toBe(
    'x has no field nope',
  );
  expect(problemOf({ document: 'contract' }, 'evaluate')).toBe('no document kind contract in step evaluate');
  expect(problemOf({ approvedBy: 'logistics', gate: 'circular-need' }, 'circular-need')).toMatch(
    /not a default/,
  );
});
