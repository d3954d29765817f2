/**
 * Approval rounds in the workflow alone: the policies, rework, supersession, decisions as signals
 * and cancellation, with stub activities on the time-skipping server.
 */
import { sampleAmbitions, sampleNeed } from '../../dev/sample-project';
import { approvalSettingsChange } from '../../domain/schemas';
import { cancelSignal, changeApprovalSettingsUpdate, decisionSignal } from '../../workflows/messages';
import { people, workflowUnitSuite } from './harness';

const suite = workflowUnitSuite();
const { requester, internalClient: bram, purchaser: chloe, csr: eva, contractManager: ilse } = people;

describe('approval policies', () => {
  test('under "all" the round waits for every approver, and the last approval moves the project to the next step', () =>
    suite.run('all', {}, async (p) => {
      expect(await p.submit('circular-need', sampleNeed)).toEqual({
        gate: 'circular-need',
        round: 1,
        version: 1,
        approvers: [bram.email, chloe.email],
      });
      const requests = await p.mail.waitFor('approval-request', undefined, 2);
      expect(requests.map((n) => n.recipient.email).sort()).toEqual([bram.email, chloe.email]);

      expect(await p.decide(bram.email)).toMatchObject({
        roundStatus: 'open',
        projectStatus: 'awaiting-approval',
      });
      expect(await p.state()).toMatchObject({ step: 'circular-need', pendingApprovers: [chloe.email] });

      expect(await p.decide(chloe.email)).toMatchObject({
        roundStatus: 'approved',
        projectStatus: 'awaiting-submission',
      });
      expect(await p.state()).toMatchObject({
        step: 'circular-ambitions',
        gate: 'circular-ambitions',
        status: 'awaiting-submission',
        pendingApprovers: [],
      });
      const [outcome] = await p.mail.waitFor('round-outcome', requester.email);
      expect(outcome).toMatchObject({ gate: 'circular-need', round: 1, outcome: 'approved' });
    }));

  test('under "any" the first approval closes the round, and a later decision on it is refused', () =>
    suite.run('any', { approvals: { policy: { rule: 'any' } } }, async (p) => {
      await p.submit('circular-need');
      expect(await p.decide(bram.email)).toMatchObject({ roundStatus: 'approved' });
      await expect(p.decide(chloe.email, 'approve', { gate: 'circular-need' })).rejects.toMatchObject({
        cause: { message: 'round 1 is closed (approved)' },
      });
      const state = await p.state();
      expect(state.step).toBe('circular-ambitions');
      expect(state.rounds[0]?.slots.map((slot) => slot.decision?.kind)).toEqual(['approve', undefined]);
    }));

  test('a quorum of 2 of 3 survives one rejection and closes as approved on the second approval', () =>
    suite.run(
      'quorum',
      {
        approvals: {
          policy: { rule: 'quorum', quorum: 2 },
          gates: { 'circular-need': { approvers: [bram, chloe, eva] } },
        },
      },
      async (p) => {
        expect((await p.submit('circular-need')).approvers).toEqual([bram.email, chloe.email, eva.email]);
        const rejected = await p.decide(bram.email, 'reject', { comment: 'Too expensive' });
        expect(rejected.roundStatus).toBe('open');
        expect((await p.decide(chloe.email)).roundStatus).toBe('open');
        expect(await p.decide(eva.email)).toMatchObject({
          roundStatus: 'approved',
          projectStatus: 'awaiting-submission',
        });
        expect((await p.state()).step).toBe('circular-ambitions');
      },
    ));

  test('a quorum out of reach closes the round as rejected, and a quorum above the approvers is refused at submission', () =>
    suite.run('quorum-lost', { approvals: { policy: { rule: 'quorum', quorum: 2 } } }, async (p) => {
      await p.submit('circular-need');
      expect(await p.decide(bram.email, 'reject', { comment: 'No inventory of desks' })).toMatchObject({
        roundStatus: 'rejected',
        projectStatus: 'changes-requested',
      });
      const change = approvalSettingsChange.parse({ policy: { rule: 'quorum', quorum: 3 } });
      await p.handle.executeUpdate(changeApprovalSettingsUpdate, {
        args: [{ change, by: requester.email }],
      });
      await expect(p.submit('circular-need')).rejects.toMatchObject({
        cause: { message: 'quorum 3 is more than the 2 approvers of circular-need' },
      });
      const state = await p.state();
      expect(state.rounds).toHaveLength(1);
      expect(state.status).toBe('changes-requested');
    }));

  test('step 2 is refused while its internal actors leave a later gate with nobody to approve it, naming the gate and the roles', () =>
    suite.run(
      'uncovered-gates',
      {
        approvals: { policy: { rule: 'any' } },
        approvers: [
          { ...bram, roles: ['internal-client'] },
          { ...chloe, roles: ['purchasing-team'] },
          { ...eva, roles: ['csr-manager'] },
        ],
      },
      async (p) => {
        await p.submit('circular-need');
        await p.decide(bram.email);
        const withoutLogisticsOrFinance = sampleAmbitions.internalActors.filter(
          (actor) => !actor.roles.some((role) => role === 'logistics' || role === 'finance'),
        );
        await expect(
          p.submit('circular-ambitions', { ...sampleAmbitions, internalActors: withoutLogisticsOrFinance }),
        ).rejects.toMatchObject({
          cause: {
            message:
              'internalActors: nobody approves end-of-use: name people with one of the roles logistics, finance or set approvers for this gate',
          },
        });
        expect((await p.state()).rounds).toHaveLength(1);
        await expect(p.submit('circular-ambitions')).resolves.toMatchObject({ round: 1 });
      },
    ));

  test('a sequential round asks one approver at a time, refuses a decision out of turn and asks the next on their turn', () =>
    suite.run('sequential', { approvals: { policy: { sequential: true } } }, async (p) => {
      await p.submit('circular-need');
      await p.mail.waitFor('approval-request', bram.email);
      expect((await p.audit('approval-requested')).map((e) => e.details?.to)).toEqual([bram.email]);
      await expect(p.decide(chloe.email)).rejects.toMatchObject({
        cause: { message: `this round is sequential: waiting for ${bram.email} first` },
      });

      expect((await p.decide(bram.email)).roundStatus).toBe('open');
      await p.mail.waitFor('approval-request', chloe.email);
      expect((await p.state()).pendingApprovers).toEqual([chloe.email]);
      expect((await p.decide(chloe.email)).roundStatus).toBe('approved');
      expect(p.mail.of('approval-request')).toHaveLength(2);
    }));
});

describe('rework', () => {
  test('a rejection reopens the step as changes-requested and tells the submitter why; a request for changes closes the next round the same way', () =>
    suite.run('rework', {}, async (p) => {
      await p.submit('circular-need');
      expect(await p.decide(bram.email, 'reject', { comment: 'Inventory is incomplete' })).toMatchObject({
        roundStatus: 'rejected',
        projectStatus: 'changes-requested',
      });
      expect(await p.state()).toMatchObject({
        gate: 'circular-need',
        status: 'changes-requested',
        pendingApprovers: [],
      });
      const [told] = await p.mail.waitFor('round-outcome', requester.email);
      expect(told).toMatchObject({
        round: 1,
        outcome: 'rejected',
        comments: [{ by: bram.name, decision: 'reject', comment: 'Inventory is incomplete' }],
      });

      expect(await p.submit('circular-need')).toMatchObject({ round: 2, version: 2 });
      const changes = await p.decide(chloe.email, 'request-changes', { comment: 'Add the depot count' });
      expect(changes).toMatchObject({ round: 2, roundStatus: 'changes-requested' });
      const state = await p.state();
      expect(state.rounds.map((round) => round.status)).toEqual(['rejected', 'changes-requested']);
      expect(state.status).toBe('changes-requested');
      expect(state.step).toBe('circular-need');
    }));

  test('resubmitting while a round is open supersedes it: only its pending approvers hear it was replaced, and a decision on it is refused', () =>
    suite.run('supersede', {}, async (p) => {
      await p.submit('circular-need');
      await p.mail.waitFor('approval-request', chloe.email);
      await p.decide(bram.email);

      expect(await p.submit('circular-need')).toEqual({
        gate: 'circular-need',
        round: 2,
        version: 2,
        approvers: [bram.email, chloe.email],
        supersededRound: 1,
      });
      const [replaced] = await p.mail.waitFor('round-replaced', chloe.email);
      expect(replaced).toMatchObject({ gate: 'circular-need', round: 1, replacedBy: 2 });
      await p.mail.waitFor('approval-request', undefined, 4);
      expect(p.mail.of('round-replaced', bram.email)).toEqual([]);
      expect(p.mail.of('round-outcome')).toEqual([]);

      await expect(p.decide(chloe.email, 'approve', { round: 1 })).rejects.toMatchObject({
        cause: { message: 'round 1 was replaced by round 2' },
      });
      const state = await p.state();
      expect(state.rounds.map((round) => [round.number, round.status])).toEqual([
        [1, 'superseded'],
        [2, 'open'],
      ]);
      expect(state.rounds[0]?.supersededBy).toBe(2);
      expect(state.pendingApprovers).toEqual([bram.email, chloe.email]);
    }));
});

describe('decisions as signals', () => {
  test('an invalid decision signal is ignored and noted as signal-ignored, while a valid one counts', () =>
    suite.run('signal', {}, async (p) => {
      await p.submit('circular-need');
      await p.handle.signal(decisionSignal, { approver: ilse.email, decision: 'approve', channel: 'signal' });
      await p.handle.signal(decisionSignal, { approver: bram.email, decision: 'approve', channel: 'signal' });
      await p.handle.signal(decisionSignal, {
        approver: bram.email,
        decision: 'reject',
        comment: 'changed my mind',
        channel: 'signal',
      });
      // An update is handled after the signals recorded before it: the audit below includes them.
      expect((await p.decide(chloe.email)).roundStatus).toBe('approved');

      expect(await p.audit('signal-ignored')).toEqual([
        expect.objectContaining({
          actor: ilse.email,
          channel: 'signal',
          comment: `${ilse.email} is not an approver in round 1`,
          details: { decision: 'approve' },
        }),
        expect.objectContaining({
          actor: bram.email,
          channel: 'signal',
          comment: expect.stringMatching(/^bram\.desmet@gent\.example already decided \(approve on /),
          details: { decision: 'reject' },
        }),
      ]);
      const decided = await p.audit('decided');
      expect(decided.map((e) => [e.actor, e.channel, e.details?.decision])).toEqual([
        [bram.email, 'signal', 'approve'],
        [chloe.email, 'api', 'approve'],
      ]);
    }));
});

describe('cancellation', () => {
  test('cancelling closes the open round, tells the approvers still pending and the requester, and ends the workflow as cancelled', () =>
    suite.run('cancel', {}, async (p) => {
      await p.submit('circular-need');
      await p.mail.waitFor('approval-request', undefined, 2);
      await p.decide(bram.email);
      await p.handle.signal(cancelSignal, { reason: 'Budget withdrawn by the council', by: requester.email });

      expect(await p.handle.result()).toEqual({
        projectId: p.id,
        outcome: 'cancelled',
        step: 'circular-need',
      });
      // The workflow completes only once its mail is out, so the mailbox is final here.
      expect(p.mail.of('round-outcome').map((n) => [n.recipient.email, 'outcome' in n && n.outcome])).toEqual(
        [[chloe.email, 'cancelled']],
      );
      expect(p.mail.of('project-closed')).toEqual([
        expect.objectContaining({
          recipient: requester,
          outcome: 'cancelled',
          reason: 'Budget withdrawn by the council',
        }),
      ]);
      const state = await p.state();
      expect(state).toMatchObject({
        status: 'cancelled',
        outcome: 'cancelled',
        cancellation: { reason: 'Budget withdrawn by the council', by: requester.email },
        pendingApprovers: [],
      });
      expect(state.rounds[0]?.status).toBe('cancelled');
    }));

  test('a cancel signal without a reason is ignored and noted, and the round goes on', () =>
    suite.run('cancel-bare', {}, async (p) => {
      await p.submit('circular-need');
      await p.handle.signal(cancelSignal, { reason: '  ', by: requester.email });
      expect((await p.decide(bram.email)).roundStatus).toBe('open');

      const [ignored] = await p.audit('signal-ignored');
      expect(ignored).toMatchObject({
        actor: requester.email,
        comment: expect.stringMatching(/^cancel ignored: reason: /),
      });
      expect(await p.state()).toMatchObject({ status: 'awaiting-approval', pendingApprovers: [chloe.email] });
      expect((await p.handle.describe()).status.name).toBe('RUNNING');
    }));
});
