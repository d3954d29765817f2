/** Step 3: the RFI's closing date, and reminders to record the findings once it has closed. */
import { addDays, dueInstant } from '../../domain/follow-up';
import { type RfiSchedule, rfiSchedule } from '../../domain/schemas';
import type { ScheduleRfiArgs } from '../messages';
import { today } from './clock';
import type { ProjectContext } from './context';
import { conflict, invalid, parseNormalized } from './errors';
import { ruleProblem } from '../../domain/problems';
import type { Timer } from './timers';

export function validateRfi(project: ProjectContext, args: ScheduleRfiArgs): RfiSchedule {
  if (project.state.gate !== 'market-dialogue') throw conflict(ruleProblem('rfi.only-in-dialogue', {}));
  if (project.state.submissions['market-dialogue']) throw conflict(ruleProblem('rfi.findings-submitted', {}));
  const rfi = parseNormalized(rfiSchedule, { closesOn: args.closesOn, description: args.description }, 'rfi');
  if (rfi.closesOn < today()) throw invalid(ruleProblem('rfi.closes-in-past', {}, 'closesOn'));
  return rfi;
}

export function scheduleRfi(project: ProjectContext, args: ScheduleRfiArgs) {
  // Validated before it was accepted: a schema check here would also run on replay.
  const rfi = { closesOn: args.closesOn, description: args.description };
  project.state.rfi = {
    closesOn: rfi.closesOn,
    description: rfi.description,
    scheduledBy: args.by.toLowerCase(),
    remindersSent: 0,
  };
  project.audit({
    kind: 'rfi-scheduled',
    actor: args.by,
    channel: 'api',
    details: { closesOn: rfi.closesOn },
  });
  project.changed();
  return { closesOn: rfi.closesOn };
}

export function rfiTimer(project: ProjectContext): Timer | undefined {
  const s = project.state;
  const rfi = s.rfi;
  if (!rfi || s.gate !== 'market-dialogue' || s.submissions['market-dialogue'] || rfi.remindersSent >= 2)
    return undefined;
  return {
    at: dueInstant(addDays(rfi.closesOn, 7 * rfi.remindersSent)),
    summary: `RFI closed ${rfi.closesOn}: remind to record findings`,
    fire: () => {
      rfi.remindersSent++;
      project.enqueueMail({
        kind: 'rfi-reminder',
        project: project.projectRef,
        recipient: project.person(rfi.scheduledBy),
        sequence: rfi.remindersSent,
        closesOn: rfi.closesOn,
        description: rfi.description,
      });
      project.audit({
        kind: 'rfi-reminder-sent',
        actor: 'system',
        channel: 'timer',
        details: { to: rfi.scheduledBy },
      });
    },
  };
}
