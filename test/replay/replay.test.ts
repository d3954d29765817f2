/**
 * Replays recorded histories (test/fixtures/histories, from `npm run record:histories`) against
 * today's workflow code. A change that would break running projects — a new command, a reordered
 * timer, a different activity — fails here with a non-determinism error; guard such changes with
 * `patched()` so old histories keep replaying.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../helpers/harness';

const DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');

// Every generation adds six histories (one of a thousand events): 17 s alone, but over a minute on
// a loaded 2-core machine with the rest of the suite beside it.
test('every recorded history replays against the current workflow code', async () => {
  const files = (await readdir(DIR, { recursive: true })).filter((name) => name.endsWith('.json')).sort();
  // Histories of the current code, and of the code before each patch: what running projects look like.
  for (const generation of [
    'current',
    'before-code-generation',
    'before-use-confirmation',
    'before-batched-mail',
    'before-legal-frame',
    'before-detached-outbox',
    'before-reminders-per-holder',
  ]) {
    for (const scenario of ['cancelled', 'full-lifecycle', 'product-group-lessons', 'purchase-avoided']) {
      expect(files).toContain(path.join(generation, `${scenario}.json`));
    }
  }
  // A run that ended by continuing as new, and the run that went on from the carried state.
  expect(files).toEqual(
    expect.arrayContaining([
      path.join('current', 'continued-first-run.json'),
      path.join('current', 'continued-second-run.json'),
      path.join('before-code-generation', 'continued-first-run.json'),
      path.join('before-code-generation', 'continued-second-run.json'),
      path.join('before-use-confirmation', 'continued-first-run.json'),
      path.join('before-use-confirmation', 'continued-second-run.json'),
      path.join('before-batched-mail', 'continued-first-run.json'),
      path.join('before-batched-mail', 'continued-second-run.json'),
      path.join('before-legal-frame', 'continued-first-run.json'),
      path.join('before-legal-frame', 'continued-second-run.json'),
    ]),
  );
  const histories = await Promise.all(
    files.map(async (name) => ({
      workflowId: name.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(await readFile(path.join(DIR, name), 'utf8'))),
    })),
  );
  const results = Worker.runReplayHistories(
    { workflowBundle: await workflowBundle(), replayName: 'recorded histories' },
    histories,
  );
  const failures: string[] = [];
  let replayed = 0;
  for await (const result of results) {
    replayed++;
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
  expect(replayed).toBe(files.length);
}, 240_000);

test('a history the code would not produce fails to replay with a determinism violation (negative control)', async () => {
  const recorded = JSON.parse(await readFile(path.join(DIR, 'current', 'purchase-avoided.json'), 'utf8')) as {
    events: {
      eventType: string;
      activityTaskScheduledEventAttributes?: { activityType: { name: string } };
    }[];
  };
  const scheduled = recorded.events.find((event) => event.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED');
  if (!scheduled?.activityTaskScheduledEventAttributes) throw new Error('the history schedules no activity');
  // As if older code had called another activity at this point.
  scheduled.activityTaskScheduledEventAttributes.activityType.name = 'lookUpSomethingElse';
  await expect(
    Worker.runReplayHistory(
      { workflowBundle: await workflowBundle(), replayName: 'negative control' },
      historyFromJSON(recorded),
    ),
  ).rejects.toThrow(DeterminismViolationError);
});
