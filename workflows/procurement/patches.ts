/**
 * Every patch of the procurement workflow, and the one marker a run started under this code
 * records instead of all of them.
 *
 * `patched(id)` records a marker the first time a run takes the new branch, and the SDK's core adds
 * an upsert of the `TemporalChangeVersion` search attribute beside it. A project took up to ten such
 * branches (eight on its way to step 5) — a marker and a visibility write each, for branches every
 * new run takes. A run started under this code (or continued as new under it) records one marker,
 * CODE_GENERATION, and takes every patch listed here without a marker of its own.
 *
 * Older runs are untouched: replaying their histories, `patched(CODE_GENERATION)` is false (that
 * marker is not there), so each patch is asked as before and finds its own marker or its absence.
 * An older run that goes on under this code records CODE_GENERATION at its next change, as
 * `patched()` always does once a run is past its replay, and from there takes every branch, as it
 * would have with the individual patches.
 *
 * A patch added after this generation must not be covered by it: histories of this generation lack
 * its branch. Ask it with `patched()` on its own, or start a new generation id that covers it (and
 * keep this one in the list, for the runs that carry it).
 */
import { patched } from '@temporalio/workflow';

export const CODE_GENERATION = 'code-generation-2026-11';

/** Runs before this patch never upserted `Participants`: their next change after it sets it. */
export const PARTICIPANTS_ATTRIBUTE = 'participants-search-attribute';
/**
 * Runs before this patch never upserted the workspace's attributes (Submitters, NextReviewDue,
 * RoundPastDeadline, LastChangedOn).
 */
export const WORKSPACE_ATTRIBUTES = 'workspace-search-attributes';
/** Review requests of moments announced from this patch on go to the purchasers too. */
export const REVIEW_REQUEST_TO_PURCHASERS = 'review-request-to-purchasers';
/** Outbox items go out independently of the main loop (see main-loop.ts). */
export const DETACHED_OUTBOX = 'detached-outbox';
/** The mails of one dispatch go out in one activity. */
export const BATCHED_MAIL = 'batched-mail';
/** Reminders count per holder from when that holder was asked (see round-timers.ts). */
export const REMINDERS_PER_HOLDER = 'reminders-per-holder';
/**
 * Runs that reached their contract end under older code entered step 6 at once; with this patch
 * the contract end asks the owners instead.
 */
export const USE_BEYOND_CONTRACT_END = 'use-beyond-contract-end';
/** The award's legal frame: no contract start before the standstill has passed. */
export const LEGAL_FRAME_STANDSTILL = 'legal-frame-standstill';
/**
 * Contracts concluded with this patch hold their end of use to the step-6 rules (quality
 * parameters, the chain, certificates, the contract's conditions); older ones keep theirs.
 */
export const END_OF_USE_RULES = 'end-of-use-rules';
/** Submissions of steps 1–3 are held to their complete records. */
export const COMPLETE_STEP_RECORDS = 'complete-step-records';

/**
 * A run continues as new when the state it would carry grows past CARRIED_STATE_LIMIT_BYTES, not
 * only at the event budget (main-loop.ts). Not covered by CODE_GENERATION: asked with patched()
 * only at the moment it would change the run's course, so runs that never come near the limit
 * record no marker.
 */
export const CONTINUE_ON_CARRIED_SIZE = 'continue-on-carried-size';
/** The patches CODE_GENERATION covers: every one that existed when it was introduced. */
export type CoveredPatch =
  | typeof PARTICIPANTS_ATTRIBUTE
  | typeof WORKSPACE_ATTRIBUTES
  | typeof REVIEW_REQUEST_TO_PURCHASERS
  | typeof DETACHED_OUTBOX
  | typeof BATCHED_MAIL
  | typeof REMINDERS_PER_HOLDER
  | typeof USE_BEYOND_CONTRACT_END
  | typeof LEGAL_FRAME_STANDSTILL
  | typeof END_OF_USE_RULES
  | typeof COMPLETE_STEP_RECORDS;

/** Whether this run takes the branch of `patch`: always in a run of this generation. */
export function isPatched(patch: CoveredPatch): boolean {
  return patched(CODE_GENERATION) || patched(patch);
}
