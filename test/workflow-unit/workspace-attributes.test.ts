/**
 * The search attributes My work reads, as the workflow keeps them while time passes (time-skipping
 * server): who submits, a round past its deadline until it closes, the next review due until it
 * is recorded, the day of the last change. Each test drives a project through several gates: minutes
 * on a loaded machine, hence their timeouts.
 */
import { addDays, formatDate } from '../../domain/follow-up';
import { DEFAULT_FOLLOW_UP_CADENCE } from '../../domain/schemas/award';
import { contractReview } from '../../domain/schemas/contract';
import { LastChangedOn, NextReviewDue, RoundPastDeadline, Submitters } from '../../domain/search-attributes';
import { sampleAward, sampleAwardLegalFrame, sampleReview } from '../../dev/sample-project';
import { recordReviewUpdate } from '../../workflows/messages';
import { HOUR, people, workflowUnitSuite } from './harness';

const suite = workflowUnitSuite();

const midnight = (day: string) => new Date(`${day}T00:00:00.000Z`);

test(
  'a round past its deadline is marked until it closes; the submitters are the requester and the purchasing team',
  () =>
    suite.run(
      'attributes-deadline',
      {
        approvals: {
          deadline: { afterHours: 2, outcome: 'escalate' },
          reminders: { everyHours: 24 * 30, escalateAfter: 10 },
        },
      },
      async (p) => {
        await p.submit('circular-need');
        let attributes = (await p.handle.describe()).typedSearchAttributes;
        expect(attributes.get(RoundPastDeadline)).toBe(false);
        expect([...(attributes.get(Submitters) ?? [])].sort()).toEqual(
          [people.requester.email, people.purchaser.email].map((email) => email.toLowerCase()).sort(),
        );
        expect(attributes.get(LastChangedOn)).toEqual(midnight(formatDate(new Date(await suite.now()))));

        await suite.env.sleep(3 * HOUR);
        await p.untilAudit('deadline-passed');
        attributes = (await p.handle.describe()).typedSearchAttributes;
        expect(attributes.get(RoundPastDeadline)).toBe(true);

        await p.approveRound();
        attributes = (await p.handle.describe()).typedSearchAttributes;
        expect(attributes.get(RoundPastDeadline)).toBe(false);
      },
    ),
  180_000,
);

test(
  'the next review due follows the contract plan: the first open moment, the next once it is recorded',
  () =>
    suite.run('attributes-reviews', {}, async (p) => {
      const today = formatDate(new Date(await suite.now()));
      await p.advanceTo('award');
      expect((await p.handle.describe()).typedSearchAttributes.get(NextReviewDue)).toBeUndefined();
      await p.submit(
        'award',
        sampleAward(addDays(today, 20), addDays(today, 800), {
          followUpCadence: { ...DEFAULT_FOLLOW_UP_CADENCE, kickOffWithinDays: 5 },
          legalFrame: sampleAwardLegalFrame(addDays(today, -30)),
        }),
      );
      await p.approveRound();
      const moments = (await p.state()).contract?.moments ?? [];
      const [first, second] = moments.filter((moment) => !moment.cancelledAt);
      expect(first?.dueOn).toBe(addDays(today, 5));
      expect((await p.handle.describe()).typedSearchAttributes.get(NextReviewDue)).toEqual(
        midnight(first?.dueOn as string),
      );

      await suite.env.sleep(6 * 24 * HOUR);
      await p.untilAudit('review-requested');
      await p.handle.executeUpdate(recordReviewUpdate, {
        args: [
          {
            review: contractReview.parse(sampleReview(first?.id as string)),
            by: people.contractManager.email,
            channel: 'api',
          },
        ],
      });
      expect((await p.handle.describe()).typedSearchAttributes.get(NextReviewDue)).toEqual(
        midnight(second?.dueOn as string),
      );
    }),
  180_000,
);
