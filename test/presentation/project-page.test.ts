/**
 * The project page's pure parts: the workflow's timer summaries told in the reader's language, the
 * actions that apply to a project's state and a person's role, and the notices after an action.
 */
import type { Role } from '../../api/auth';
import type { ProjectStatus } from '../../domain/project';
import { doneNotice, projectActions } from '../../presentation/workspace/project-actions';
import { timerText } from '../../presentation/workspace/project-progress';
import type { ProjectView } from '../../workflows/messages';

describe('the next timer in words', () => {
  // The summaries the workflow gives its timers (workflows/procurement/*timers.ts, rfi.ts, legal-frame.ts).
  test.each([
    ['reminder 2 · circular-need round 1', 'herinnering 2 aan wie nog moet beslissen (ronde 1)'],
    ['deadline (approve) · award round 3', 'de termijn van de goedkeuringsronde'],
    ['announce kick-off of 2027-01-15', 'aankondiging: Startvergadering van vrijdag 15 januari 2027'],
    ['escalate periodic-review of 2027-04-15', 'escalatie: '],
    ['end-of-use reminder (contract ends 2030-01-01)', 'herinnering: het einde van het gebruik nadert'],
    ['contract ends 2030-01-01: move to end of use', 'einde van het contract: over naar einde gebruik'],
    ['standstill ends 2027-01-01: conclude the contract', 'einde van de wachttermijn (standstill)'],
    [
      'RFI closed 2027-01-01: remind to record findings',
      'de RFI sluit: herinnering om de bevindingen vast te leggen',
    ],
  ])('%s', (summary, dutch) => {
    expect(timerText(summary, 'nl').startsWith(dutch)).toBe(true);
    expect(timerText(summary, 'en')).not.toBe(summary);
  });

  test('a summary it does not know is shown as it is', () => {
    expect(timerText('something new', 'en')).toBe('something new');
  });
});

function view(status: ProjectStatus, extra: Partial<ProjectView> = {}): ProjectView {
  return {
    projectId: 'p1',
    status,
    gate: 'circular-need',
    submissions: {},
    pendingApprovers: [],
    ...extra,
  } as ProjectView;
}
const hrefs = (v: ProjectView, roles: Role[], email = 'someone@x.example') =>
  projectActions(v, { email, roles }, 'en').map((action) => action.href.replace('/work/projects/p1', ''));

describe('the actions a person is offered', () => {
  const round = { gate: 'circular-need', number: 1 } as ProjectView['currentRound'];

  test('a pending approver may decide, whatever their role; nothing more as a viewer', () => {
    const waiting = view('awaiting-approval', { currentRound: round, pendingApprovers: ['ann@x.example'] });
    expect(hrefs(waiting, ['viewer'], 'Ann@x.example')).toEqual(['/decision']);
    expect(hrefs(waiting, ['viewer'])).toEqual([]);
  });

  test('an officer submits the gate, resends links, changes settings and may cancel', () => {
    const waiting = view('awaiting-approval', { currentRound: round, pendingApprovers: ['ann@x.example'] });
    expect(hrefs(waiting, ['officer'])).toEqual([
      '/gates/circular-need',
      '/resend',
      '/approval-settings',
      '/cancel',
    ]);
  });

  test('in the contract an officer records reviews, amends and starts the end of use', () => {
    const running = view('in-contract', { gate: undefined, contract: {} as ProjectView['contract'] });
    expect(hrefs(running, ['operator'])).toEqual([
      '/reviews/new',
      '/amendments/new',
      '/end-of-use',
      '/resend',
      '/approval-settings',
      '/cancel',
    ]);
  });

  test('a finished project offers nothing', () => {
    expect(hrefs(view('completed', { gate: undefined }), ['officer'])).toEqual([]);
    expect(hrefs(view('cancelled'), ['officer'])).toEqual([]);
  });
});

test('an action page’s code is a polite notice in the reader’s language; another code shows nothing', () => {
  expect(doneNotice('decided', 'nl').html).toBe(
    '<p class="notice" role="status">Uw beslissing is vastgelegd.</p>',
  );
  expect(doneNotice('cancelled', 'en').html).toContain('The project was cancelled.');
  expect(doneNotice('toString', 'en').html).toBe('');
  expect(doneNotice(['decided'], 'en').html).toBe('');
});
