/**
 * Date maths of the contract phase (step 5): the follow-up moments of a contract and when each
 * reminder is due. Pure and deterministic; works on calendar dates (YYYY-MM-DD) in UTC.
 */
import type { FollowUpMoment } from './project';
import type { FollowUpCadence } from './schemas';

/** Timers fire at this hour (UTC) of a due date: early morning in Europe, within office hours. */
export const DUE_HOUR_UTC = 7;

export function parseDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = parseDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return formatDate(d);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const d = parseDate(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return formatDate(d);
}

/** The instant a date-based timer fires. */
export function dueInstant(date: string): number {
  return parseDate(date).getTime() + DUE_HOUR_UTC * 3_600_000;
}

export interface ScheduleInput {
  start: string;
  end: string;
  awardedOn: string;
  cadence: FollowUpCadence;
  /** Periodic and strategic reviews count their interval from here (the start, or the last cadence change). */
  anchor: string;
}

export interface PlannedMoment {
  id: string;
  kind: FollowUpMoment['kind'];
  dueOn: string;
}

/**
 * The moments of a contract from `today` on. Moments before `today` are history and keep their
 * ids; future ones are numbered after them, so "the 7th periodic review" keeps its calendar UID
 * when a cadence change moves its date.
 */
export function planMoments(
  input: ScheduleInput,
  existing: FollowUpMoment[],
  today: string,
): PlannedMoment[] {
  const past = existing.filter((m) => m.dueOn < today && !m.cancelledAt);
  const planned: PlannedMoment[] = [];
  const kickOffDue = addDays(input.awardedOn, input.cadence.kickOffWithinDays);
  if (!past.some((m) => m.kind === 'kick-off') && kickOffDue >= today && kickOffDue < input.end) {
    planned.push({ id: 'kick-off', kind: 'kick-off', dueOn: kickOffDue });
  }
  const strategicDates = datesEvery(input.anchor, input.cadence.strategicReviewEveryMonths, today, input.end);
  const periodicDates = datesEvery(input.anchor, input.cadence.reviewEveryMonths, today, input.end).filter(
    (date) => !strategicDates.includes(date),
  );
  let strategicIndex = past.filter((m) => m.kind === 'strategic-review').length;
  let periodicIndex = past.filter((m) => m.kind === 'periodic-review').length;
  for (const dueOn of strategicDates) {
    planned.push({ id: `strategic-review-${++strategicIndex}`, kind: 'strategic-review', dueOn });
  }
  for (const dueOn of periodicDates) {
    planned.push({ id: `periodic-review-${++periodicIndex}`, kind: 'periodic-review', dueOn });
  }
  return planned.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
}

function datesEvery(anchor: string, months: number, from: string, before: string): string[] {
  const dates: string[] = [];
  for (let k = 1; k < 10_000; k++) {
    const date = addMonths(anchor, k * months);
    if (date >= before) break;
    if (date >= from) dates.push(date);
  }
  return dates;
}

export interface Reconciled {
  moments: FollowUpMoment[];
  /** Announced moments whose date changed: send an updated invitation (SEQUENCE raised). */
  moved: FollowUpMoment[];
  /** Announced moments that no longer happen: send a cancellation. */
  dropped: FollowUpMoment[];
}

/** Merges a new plan into the moments we have, raising SEQUENCE on every change of an announced moment. */
export function reconcileMoments(
  existing: FollowUpMoment[],
  plan: PlannedMoment[],
  today: string,
  at: string,
): Reconciled {
  const moved: FollowUpMoment[] = [];
  const dropped: FollowUpMoment[] = [];
  const kept = existing.filter((m) => m.dueOn < today || m.reviewedAt || m.cancelledAt);
  const future = existing.filter((m) => !kept.includes(m));
  const next: FollowUpMoment[] = [...kept];
  for (const planned of plan) {
    if (kept.some((m) => m.id === planned.id)) continue;
    const current = future.find((m) => m.id === planned.id);
    if (!current) {
      next.push({ ...planned, sequence: 0 });
    } else if (current.dueOn !== planned.dueOn) {
      const changed: FollowUpMoment = { ...current, dueOn: planned.dueOn, sequence: current.sequence + 1 };
      // A moved moment gets its notice, reminder and escalation again at its new date.
      delete changed.remindedAt;
      delete changed.escalatedAt;
      if (changed.announcedAt) moved.push(changed);
      next.push(changed);
    } else {
      next.push(current);
    }
  }
  for (const current of future) {
    if (plan.some((p) => p.id === current.id)) continue;
    const cancelled: FollowUpMoment = { ...current, cancelledAt: at, sequence: current.sequence + 1 };
    if (current.announcedAt) dropped.push(cancelled);
    next.push(cancelled);
  }
  return {
    moments: next.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id)),
    moved,
    dropped,
  };
}

export interface FollowUpTiming {
  noticeDays: number;
  graceDays: number;
}

export type MomentAction = 'announce' | 'remind' | 'escalate';

/** The next thing to do for a moment and when, or undefined when nothing is left. */
export function nextMomentAction(
  moment: FollowUpMoment,
  timing: FollowUpTiming,
): { action: MomentAction; at: number } | undefined {
  if (moment.cancelledAt || moment.reviewedAt) return undefined;
  if (!moment.announcedAt)
    return { action: 'announce', at: dueInstant(addDays(moment.dueOn, -timing.noticeDays)) };
  if (!moment.remindedAt)
    return { action: 'remind', at: dueInstant(addDays(moment.dueOn, timing.graceDays)) };
  if (!moment.escalatedAt)
    return { action: 'escalate', at: dueInstant(addDays(moment.dueOn, 2 * timing.graceDays)) };
  return undefined;
}

export function endOfUseReminderInstant(end: string, leadMonths: number): number {
  return dueInstant(addMonths(end, -leadMonths));
}
