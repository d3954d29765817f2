import {
  type ApprovalRound,
  type ApprovalSlot,
  applyDecision,
  applyDelegation,
  decisionProblem,
  delegationProblem,
  evaluateRound,
  mergeTeam,
  pendingEmails,
  pendingSlots,
  reminderDueAt,
  requiredApprovals,
  resolveGateApprovers,
} from '../../domain/approval-policy';
import {
  type ApprovalPolicy,
  type DecisionKind,
  type Person,
  type TeamMember,
  approvalSettings,
} from '../../domain/schemas';

const person = (name: string): Person => ({ name, email: `${name}@org.example` });
const email = (name: string): string => `${name}@org.example`;

const ALL: ApprovalPolicy = { rule: 'all', sequential: false };
const ANY: ApprovalPolicy = { rule: 'any', sequential: false };
const QUORUM_2: ApprovalPolicy = { rule: 'quorum', quorum: 2, sequential: false };

function makeRound(
  policy: ApprovalPolicy,
  names: string[],
  overrides: Partial<ApprovalRound> = {},
): ApprovalRound {
  return {
    gate: 'circular-need',
    number: 1,
    policy,
    slots: names.map((name): ApprovalSlot => ({
      approver: person(name),
      holder: person(name),
      delegations: [],
    })),
    openedAt: '2026-01-01T00:00:00.000Z',
    submittedBy: email('submitter'),
    digest: { nl: [], en: [] },
    reminders: { everyHours: 72, escalateAfter: 2, sent: 0 },
    status: 'open',
    ...overrides,
  };
}

/** Records decisions in order and returns the outcome after each one. */
function decideAll(round: ApprovalRound, decisions: [string, DecisionKind][]): string[] {
  return decisions.map(([name, kind]) =>
    applyDecision(round, {
      kind,
      by: email(name),
      at: '2026-01-02T00:00:00.000Z',
      channel: 'api',
      ...(kind === 'approve' ? {} : { comment: 'not like this' }),
    }),
  );
}

describe('requiredApprovals', () => {
  test('all needs every approver, any needs one, quorum needs N', () => {
    expect(requiredApprovals(ALL, 4)).toBe(4);
    expect(requiredApprovals(ANY, 4)).toBe(1);
    expect(requiredApprovals(QUORUM_2, 4)).toBe(2);
  });

  test('a round nobody decided yet is open under every rule', () => {
    for (const policy of [ALL, ANY, QUORUM_2])
      expect(evaluateRound(makeRound(policy, ['a', 'b']))).toBe('open');
  });
});

describe('evaluateRound under "all"', () => {
  test('stays open until every approver approved, then is approved', () => {
    const round = makeRound(ALL, ['a', 'b', 'c']);
    expect(
      decideAll(round, [
        ['a', 'approve'],
        ['b', 'approve'],
        ['c', 'approve'],
      ]),
    ).toEqual(['open', 'open', 'approved']);
  });

  test('a rejection ends the round at once, whoever is still undecided', () => {
    const round = makeRound(ALL, ['a', 'b', 'c']);
    expect(decideAll(round, [['b', 'reject']])).toEqual(['rejected']);
  });

  test('a request for changes ends the round at once as changes-requested', () => {
    const round = makeRound(ALL, ['a', 'b', 'c']);
    expect(
      decideAll(round, [
        ['a', 'approve'],
        ['c', 'request-changes'],
      ]),
    ).toEqual(['open', 'changes-requested']);
  });
});

describe('evaluateRound under "any"', () => {
  test('the first approval approves the round', () => {
    const round = makeRound(ANY, ['a', 'b', 'c']);
    expect(decideAll(round, [['c', 'approve']])).toEqual(['approved']);
  });

  test('a rejection keeps the round open while someone can still approve', () => {
    const round = makeRound(ANY, ['a', 'b']);
    expect(decideAll(round, [['a', 'reject']])).toEqual(['open']);
  });

  test('the round fails once nobody is left who could approve; a rejection outweighs change requests', () => {
    const changes = makeRound(ANY, ['a', 'b']);
    expect(
      decideAll(changes, [
        ['a', 'request-changes'],
        ['b', 'request-changes'],
      ]),
    ).toEqual(['open', 'changes-requested']);
    const mixed = makeRound(ANY, ['a', 'b']);
    expect(
      decideAll(mixed, [
        ['a', 'request-changes'],
        ['b', 'reject'],
      ]),
    ).toEqual(['open', 'rejected']);
  });
});

describe('evaluateRound under a quorum', () => {
  test('2 of 3 is approved on the second approval, before the third decides', () => {
    const round = makeRound(QUORUM_2, ['a', 'b', 'c']);
    expect(
      decideAll(round, [
        ['a', 'approve'],
        ['c', 'approve'],
      ]),
    ).toEqual(['open', 'approved']);
  });

  test('2 of 3 survives one rejection but fails as soon as the quorum is out of reach', () => {
    const round = makeRound(QUORUM_2, ['a', 'b', 'c']);
    expect(
      decideAll(round, [
        ['a', 'reject'],
        ['b', 'reject'],
      ]),
    ).toEqual(['open', 'rejected']);
  });

  test('a quorum made impossible by change requests ends as changes-requested', () => {
    const round = makeRound({ rule: 'quorum', quorum: 3, sequential: false }, ['a', 'b', 'c', 'd']);
    expect(
      decideAll(round, [
        ['a', 'approve'],
        ['b', 'request-changes'],
        ['c', 'request-changes'],
      ]),
    ).toEqual(['open', 'open', 'changes-requested']);
  });
});

describe('pendingSlots', () => {
  test('a parallel round waits for every undecided approver', () => {
    const round = makeRound(ALL, ['a', 'b', 'c']);
    decideAll(round, [['b', 'approve']]);
    expect(pendingEmails(round)).toEqual([email('a'), email('c')]);
  });

  test('a sequential round waits for one person at a time, in order', () => {
    const round = makeRound({ ...ALL, sequential: true }, ['a', 'b', 'c']);
    expect(pendingSlots(round).map((slot) => slot.holder.email)).toEqual([email('a')]);
    decideAll(round, [['a', 'approve']]);
    expect(pendingEmails(round)).toEqual([email('b')]);
    decideAll(round, [['b', 'approve']]);
    expect(pendingEmails(round)).toEqual([email('c')]);
  });

  test('a closed round waits for nobody', () => {
    const round = makeRound(ALL, ['a', 'b'], { status: 'approved' });
    expect(pendingSlots(round)).toEqual([]);
    expect(pendingEmails(undefined)).toEqual([]);
  });

  test('a sequential "any" round is approved by the first person in the order', () => {
    const round = makeRound({ ...ANY, sequential: true }, ['a', 'b']);
    expect(decideAll(round, [['a', 'approve']])).toEqual(['approved']);
  });
});

describe('decisionProblem', () => {
  test('an approver of an open round may decide once', () => {
    const round = makeRound(ALL, ['a', 'b']);
    expect(decisionProblem(round, email('a'))).toBeUndefined();
    decideAll(round, [['a', 'approve']]);
    expect(decisionProblem(round, email('a'))).toMatch(/already decided \(approve/);
  });

  test('someone outside the round is told they are not an approver', () => {
    expect(decisionProblem(makeRound(ALL, ['a']), email('z'))).toBe(
      `${email('z')} is not an approver in round 1`,
    );
  });

  test('in a sequential round only the current person may decide', () => {
    const round = makeRound({ ...ALL, sequential: true }, ['a', 'b']);
    expect(decisionProblem(round, email('b'))).toMatch(/sequential: waiting for a@org.example/);
    expect(decisionProblem(round, email('a'))).toBeUndefined();
  });

  test('a superseded round names the round that replaced it', () => {
    const round = makeRound(ALL, ['a'], { status: 'superseded', supersededBy: 3 });
    expect(decisionProblem(round, email('a'))).toBe('round 1 was replaced by round 3');
  });

  test('a closed round says it is closed and how', () => {
    const round = makeRound(ALL, ['a'], { status: 'timed-out' });
    expect(decisionProblem(round, email('a'))).toBe('round 1 is closed (timed-out)');
  });

  test('after a delegation only the delegate decides; the original approver is told to whom it went', () => {
    const round = makeRound(ALL, ['a', 'b']);
    applyDelegation(round, {
      from: person('a'),
      to: person('d'),
      at: '2026-01-02T00:00:00.000Z',
      channel: 'api',
    });
    expect(decisionProblem(round, email('a'))).toBe(`${email('a')} delegated this decision to ${email('d')}`);
    expect(decisionProblem(round, email('d'))).toBeUndefined();
    expect(decideAll(round, [['d', 'approve']])).toEqual(['open']);
    expect(round.slots[0]?.decision?.by).toBe(email('d'));
    expect(round.slots[0]?.approver.email).toBe(email('a'));
  });
});

describe('delegationProblem', () => {
  test('an approver may hand the decision to someone outside the round', () => {
    expect(delegationProblem(makeRound(ALL, ['a', 'b']), email('a'), person('d'))).toBeUndefined();
  });

  test('nobody delegates to themselves or to someone who already decides in the round', () => {
    const round = makeRound(ALL, ['a', 'b']);
    expect(delegationProblem(round, email('a'), person('a'))).toBe('you cannot delegate to yourself');
    expect(delegationProblem(round, email('a'), person('b'))).toMatch(/already decides in this round/);
  });

  test('who cannot decide cannot delegate either', () => {
    const round = makeRound(ALL, ['a', 'b']);
    decideAll(round, [['a', 'approve']]);
    expect(delegationProblem(round, email('a'), person('d'))).toMatch(/already decided/);
    expect(delegationProblem(round, email('z'), person('d'))).toMatch(/not an approver/);
  });

  test('a later approver of a sequential round may delegate before their turn', () => {
    const round = makeRound({ ...ALL, sequential: true }, ['a', 'b']);
    expect(delegationProblem(round, email('b'), person('d'))).toBeUndefined();
  });
});

describe('reminderDueAt', () => {
  test('a holder is due an interval after being asked, then an interval after each reminder', () => {
    const round = makeRound(ALL, ['a', 'b'], { reminders: { everyHours: 24, escalateAfter: 2, sent: 0 } });
    const [first, second] = round.slots;
    if (!first || !second) throw new Error('two slots expected');
    expect(reminderDueAt(round, first)).toBeUndefined();
    first.requestedAt = '2026-01-01T08:00:00.000Z';
    expect(reminderDueAt(round, first)).toBe(Date.parse('2026-01-02T08:00:00.000Z'));
    first.lastRemindedAt = '2026-01-02T08:00:00.000Z';
    expect(reminderDueAt(round, first)).toBe(Date.parse('2026-01-03T08:00:00.000Z'));
    second.requestedAt = '2026-01-01T20:00:00.000Z';
    expect(reminderDueAt(round, second)).toBe(Date.parse('2026-01-02T20:00:00.000Z'));
  });

  test('a delegation starts the delegate on a fresh interval', () => {
    const round = makeRound(ALL, ['a']);
    const [slot] = round.slots;
    if (!slot) throw new Error('one slot expected');
    Object.assign(slot, { requestedAt: 'x', remindersSent: 2, lastRemindedAt: 'y' });
    applyDelegation(round, {
      from: person('a'),
      to: person('d'),
      at: '2026-01-02T00:00:00.000Z',
      channel: 'api',
    });
    expect(slot).not.toHaveProperty('requestedAt');
    expect(slot).not.toHaveProperty('remindersSent');
    expect(reminderDueAt(round, slot)).toBeUndefined();
  });
});

describe('resolveGateApprovers', () => {
  const team: TeamMember[] = [
    { ...person('client'), roles: ['internal-client'] },
    { ...person('buyer'), roles: ['purchasing-team'] },
    { ...person('boss'), roles: ['management'] },
    { ...person('lawyer'), roles: ['legal'] },
  ];
  const settings = approvalSettings.parse({});

  test('by default the team members holding the step catalogue roles approve, all of them', () => {
    const resolved = resolveGateApprovers('circular-need', team, settings);
    expect(resolved).toEqual({
      approvers: [person('client'), person('buyer')],
      policy: { rule: 'all', sequential: false },
    });
  });

  test('a required extra role (management for a skipped dialogue) joins the round', () => {
    const resolved = resolveGateApprovers('market-dialogue', team, settings, ['management']);
    expect('approvers' in resolved && resolved.approvers.map((p) => p.email).sort()).toEqual(
      [email('boss'), email('buyer'), email('lawyer')].sort(),
    );
  });

  test('a required extra role joins a per-gate override too, and is a problem when nobody holds it', () => {
    const withOverride = approvalSettings.parse({
      gates: { 'market-dialogue': { approvers: [person('outsider')] } },
    });
    const resolved = resolveGateApprovers('market-dialogue', team, withOverride, ['management']);
    expect('approvers' in resolved && resolved.approvers.map((p) => p.email)).toEqual([
      email('outsider'),
      email('boss'),
    ]);
    const noManagement = team.filter((m) => !m.roles.includes('management'));
    expect(resolveGateApprovers('market-dialogue', noManagement, settings, ['management'])).toEqual({
      problem: 'this submission needs approval by management: name a person with that role',
      rule: { rule: 'approvers.role-missing', params: { role: 'management' } },
    });
  });

  test('a per-gate override sets approvers, policy and removes the default deadline', () => {
    const custom = approvalSettings.parse({
      policy: { rule: 'all' },
      deadline: { afterHours: 48, outcome: 'reject' },
      gates: {
        award: {
          approvers: [person('x'), person('y'), person('z')],
          policy: { rule: 'quorum', quorum: 2 },
          deadline: null,
        },
      },
    });
    expect(resolveGateApprovers('award', team, custom)).toEqual({
      approvers: [person('x'), person('y'), person('z')],
      policy: { rule: 'quorum', quorum: 2, sequential: false },
    });
    expect(resolveGateApprovers('tender-documents', team, custom)).toMatchObject({
      deadline: { afterHours: 48, outcome: 'reject' },
    });
  });

  test('nobody to approve and a quorum above the number of approvers are problems', () => {
    expect(resolveGateApprovers('end-of-use', team, settings)).toHaveProperty(
      'problem',
      expect.stringMatching(/nobody approves end-of-use/),
    );
    const tooMany = approvalSettings.parse({ policy: { rule: 'quorum', quorum: 3 } });
    expect(resolveGateApprovers('circular-need', team, tooMany)).toEqual({
      problem: 'quorum 3 is more than the 2 approvers of circular-need',
      rule: { rule: 'approvers.quorum-too-high', params: { quorum: 3, count: 2, gate: 'circular-need' } },
    });
  });
});

describe('mergeTeam', () => {
  test('people named in step 2 take over their roles; earlier people keep the roles nobody took', () => {
    const current: TeamMember[] = [
      { ...person('old-client'), roles: ['internal-client', 'finance'] },
      { ...person('old-buyer'), roles: ['purchasing-team'] },
    ];
    const named: TeamMember[] = [{ ...person('new-client'), roles: ['internal-client'] }];
    expect(mergeTeam(current, named)).toEqual([
      { ...person('new-client'), roles: ['internal-client'] },
      { ...person('old-client'), roles: ['finance'] },
      { ...person('old-buyer'), roles: ['purchasing-team'] },
    ]);
  });

  test('someone named again keeps their earlier roles that nobody else took, without duplicates', () => {
    const current: TeamMember[] = [{ ...person('a'), roles: ['legal', 'finance'] }];
    const named: TeamMember[] = [
      { ...person('a'), roles: ['legal'] },
      { ...person('b'), roles: ['finance'] },
    ];
    expect(mergeTeam(current, named)).toEqual([
      { ...person('a'), roles: ['legal'] },
      { ...person('b'), roles: ['finance'] },
    ]);
  });
});
