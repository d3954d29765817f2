/**
 * What a project carries from one workflow run to the next (continue-as-new), kept within a byte
 * budget so that a project of ten years or more never meets Temporal's payload limits (a warning
 * at 512 KB, a refusal at 2 MB, 4 MB for a gRPC message).
 *
 * Only the append-only records grow without end: the audit trail, recorded reviews and closed
 * approval rounds. When the state is over budget, their oldest entries that this run received in
 * its own start input leave the carried state, and an `archive` reference says where they are:
 * entries [0, count) of that list in the start input of run `runId`. That input stays in the run's
 * history, so the API can still show the whole trail (within the namespace's retention, or forever
 * with Temporal's archival). Entries added during the run are never dropped, so every dropped
 * entry really is in that input.
 *
 * Pure and deterministic: the workflow calls it right before continue-as-new.
 */
import type { ProjectState } from './project';

/** The carried state's version; `migrateCarriedState` brings older states up to it. */
export const CARRIED_STATE_VERSION = 2;

/** Target size of the carried state: continue-as-new input ≤ 128 KB with room to spare. */
export const CARRIED_STATE_BUDGET_BYTES = 96 * 1024;

/**
 * A run whose carried state would pass this continues as new before its event budget: only what a
 * run received can be archived, so everything a long run adds itself is carried whole, and a run
 * of a busy year added enough to pass 128 KB (130.6 KiB in the ten-year test).
 */
export const CARRIED_STATE_LIMIT_BYTES = 112 * 1024;

export type ArchivedList = 'audit' | 'reviews' | 'rounds';

export interface ArchiveRef {
  list: ArchivedList;
  /** The run whose start input holds the entries. */
  runId: string;
  /** Entries [0, count) of `state[list]` in that input. */
  count: number;
  /** Time span of the archived entries, for people reading the trail. */
  from: string;
  to: string;
}

/** UTF-8 length of a string, without TextEncoder (not every workflow sandbox has it). */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export const jsonBytes = (value: unknown): number => utf8Length(JSON.stringify(value));

const timeOf: Record<ArchivedList, (entry: never) => string> = {
  audit: (entry: { at: string }) => entry.at,
  reviews: (entry: { recordedAt: string }) => entry.recordedAt,
  rounds: (entry: { openedAt: string }) => entry.openedAt,
};

/** States carried by older code: fill in what newer code expects. */
export function migrateCarriedState(state: ProjectState): ProjectState {
  if ((state.stateVersion ?? 1) >= CARRIED_STATE_VERSION) return state;
  // Version 1 (before the budget) had no archive and no version; nothing else changed shape.
  return { ...state, stateVersion: CARRIED_STATE_VERSION, archive: state.archive ?? [] };
}

export interface CarriedInput {
  /** How many entries of each list this run received in its start input. */
  receivedCounts: Record<ArchivedList, number>;
  runId: string;
  budgetBytes?: number;
}

/**
 * The state to continue as new with: unchanged when within budget; otherwise the oldest received
 * entries of the growing lists move to archive references, oldest first across the lists, until
 * it fits or nothing received is left to move. Open rounds and the latest round of each gate stay.
 */
export function compactForCarry(state: ProjectState, input: CarriedInput): ProjectState {
  const budget = input.budgetBytes ?? CARRIED_STATE_BUDGET_BYTES;
  let size = jsonBytes(state);
  if (size <= budget) return state;
  const lists: Record<ArchivedList, unknown[]> = {
    audit: [...state.audit],
    reviews: [...state.reviews],
    rounds: [...state.rounds],
  };
  const dropped: Record<ArchivedList, number> = { audit: 0, reviews: 0, rounds: 0 };
  const keepRound = (index: number): boolean => {
    const round = state.rounds[index];
    if (!round || round.status === 'open') return true;
    return !state.rounds.some((later, i) => i > index && later.gate === round.gate);
  };
  const candidate = (list: ArchivedList): string | undefined => {
    const index = dropped[list];
    if (index >= input.receivedCounts[list]) return undefined;
    if (list === 'rounds' && keepRound(index)) return undefined;
    const entry = lists[list][0];
    return entry === undefined ? undefined : (timeOf[list] as (e: unknown) => string)(entry);
  };
  while (size > budget) {
    let oldest: ArchivedList | undefined;
    let oldestAt = '';
    for (const list of ['audit', 'reviews', 'rounds'] as const) {
      const at = candidate(list);
      if (at !== undefined && (oldest === undefined || at < oldestAt)) {
        oldest = list;
        oldestAt = at;
      }
    }
    if (!oldest) break;
    const entry = lists[oldest].shift();
    dropped[oldest]++;
    // Each entry leaves the JSON with its separating comma.
    size -= jsonBytes(entry) + 1;
  }
  const archive = [...(state.archive ?? [])];
  for (const list of ['audit', 'reviews', 'rounds'] as const) {
    const count = dropped[list];
    if (count === 0) continue;
    const times = (state[list] as unknown[])
      .slice(0, count)
      .map((e) => (timeOf[list] as (e: unknown) => string)(e));
    archive.push({ list, runId: input.runId, count, from: times[0] ?? '', to: times.at(-1) ?? '' });
  }
  return {
    ...state,
    audit: lists.audit as ProjectState['audit'],
    reviews: lists.reviews as ProjectState['reviews'],
    rounds: lists.rounds as ProjectState['rounds'],
    archive,
  };
}

/**
 * Temporal refuses a search attribute value over 2 KB (the default per-value limit), and a refused
 * upsert fails every workflow task of the project. A round of many approvers lists the first ones
 * that fit; the project's own state still names them all.
 */
const SEARCH_ATTRIBUTE_VALUE_BYTES = 1_900;
export function withinKeywordListLimit(values: string[]): string[] {
  const kept: string[] = [];
  let bytes = 2;
  for (const value of values) {
    bytes += utf8Length(value) + 3;
    if (bytes > SEARCH_ATTRIBUTE_VALUE_BYTES) break;
    kept.push(value);
  }
  return kept;
}
