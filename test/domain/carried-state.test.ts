/** The carried state's byte budget and migration: pure functions, no Temporal needed. */
import {
  CARRIED_STATE_VERSION,
  compactForCarry,
  jsonBytes,
  migrateCarriedState,
  utf8Length,
} from '../../domain/carried-state';
import type { AuditEntry, ProjectState } from '../../domain/project';
import { initialState } from '../../workflows/procurement/context';
import { sampleProject } from '../../dev/sample-project';

function auditEntry(day: number, comment = ''): AuditEntry {
  return {
    at: new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString(),
    kind: 'reminder-sent',
    step: 'use-and-execution',
    actor: 'system',
    channel: 'timer',
    ...(comment ? { comment } : {}),
  };
}

function stateWithAudit(entries: number, commentLength: number): ProjectState {
  const state = initialState(sampleProject('carried-state'), '2026-01-01T00:00:00.000Z');
  state.audit = Array.from({ length: entries }, (_, day) => auditEntry(day, 'x'.repeat(commentLength)));
  return state;
}

test('utf8Length counts bytes as UTF-8 does, surrogate pairs included', () => {
  for (const text of ['plain', 'één café', '€ and 𝄞', '']) {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  }
});

test('a state within budget is carried unchanged', () => {
  const state = stateWithAudit(10, 20);
  expect(compactForCarry(state, { receivedCounts: { audit: 10, reviews: 0, rounds: 0 }, runId: 'r1' })).toBe(
    state,
  );
});

test('over budget, the oldest received audit entries leave the state for a reference to the run that holds them', () => {
  const state = stateWithAudit(400, 500);
  const budget = 64 * 1024;
  const carried = compactForCarry(state, {
    receivedCounts: { audit: 300, reviews: 0, rounds: 0 },
    runId: 'run-7',
    budgetBytes: budget,
  });
  expect(jsonBytes(carried)).toBeLessThanOrEqual(budget);
  const dropped = state.audit.length - carried.audit.length;
  expect(dropped).toBeGreaterThan(0);
  expect(carried.audit).toEqual(state.audit.slice(dropped));
  expect(carried.archive).toEqual([
    {
      list: 'audit',
      runId: 'run-7',
      count: dropped,
      from: state.audit[0]?.at,
      to: state.audit[dropped - 1]?.at,
    },
  ]);
});

test('entries added in this run are never dropped, even when the budget cannot be met', () => {
  const state = stateWithAudit(400, 500);
  const carried = compactForCarry(state, {
    receivedCounts: { audit: 50, reviews: 0, rounds: 0 },
    runId: 'run-8',
    budgetBytes: 1024,
  });
  expect(carried.audit).toEqual(state.audit.slice(50));
  expect(carried.archive?.[0]).toMatchObject({ list: 'audit', count: 50 });
});

test('a state from before versioning gets the current version and an empty archive', () => {
  const { stateVersion: _version, archive: _archive, ...old } = stateWithAudit(1, 0);
  const migrated = migrateCarriedState(old);
  expect(migrated.stateVersion).toBe(CARRIED_STATE_VERSION);
  expect(migrated.archive).toEqual([]);
  expect(migrateCarriedState(migrated)).toBe(migrated);
});
