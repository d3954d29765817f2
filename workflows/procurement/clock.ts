/** Workflow time: `Date` in the workflow sandbox is the deterministic time of the current task. */
import { formatDate } from '../../domain/follow-up';

export const now = (): Date => new Date();
export const nowIso = (): string => now().toISOString();
export const today = (): string => formatDate(now());
