/**
 * Approve by email, end to end on the real stack: the worker mails through real SMTP, the test
 * reads the captured mail, follows its link over HTTP and decides on the page.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { LinkSigner } from '../../activities/links';
import { createApp } from '../../api/app';
import { createLogger } from '../../config/logger';
import { type CapturedMessage, startMailCapture } from '../../dev/mail-capture';
import { sampleNeed, samplePeople, sampleProject } from '../../dev/sample-project';
import { workflowIdFor } from '../../domain/project';
import { auditTrailQuery, projectQuery } from '../../workflows/messages';
import {
  SIGNING_KEYS,
  devServerEnvironment,
  eventually,
  type Harness,
  startHarness,
  startFileHarness,
  stopFileHarness,
} from '../helpers/harness';
import { settledHistoryLength } from '../helpers/project-api';
import * as shared from './decision-mail';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => ({ env, h } = await startFileHarness(devServerEnvironment)));
afterAll(() => stopFileHarness(h, env));

const { internalClient: bram, purchaser: chloe } = samplePeople;

const projectWithOpenRound = (name: string) => shared.projectWithOpenRound(h, name);
const requestFor = (id: string, email: string, extra?: (m: CapturedMessage) => boolean) =>
  shared.requestFor(h, id, email, extra);
const decisionLink = (message: CapturedMessage) => shared.decisionLink(h, message);
const decisionsIn = (id: string) => shared.decisionsIn(h, id);

async function historyLength(id: string): Promise<number> {
  return (await h.client.workflow.getHandle(workflowIdFor(id)).fetchHistory()).events?.length ?? 0;
}

describe('the approval request mail', () => {
  test('is multipart text and HTML in the approver’s language, with one personal link built from the public base URL', async () => {
    const id = await projectWithOpenRound('mail-content');
    const dutch = await requestFor(id, bram.email);
    const english = await requestFor(id, chloe.email);

    expect(dutch.subject).toContain('Goedkeuring gevraagd');
    expect(dutch.subject).toContain('Kantoormeubilair stadskantoor');
    expect(english.subject).toContain('Approval requested');
    for (const message of [dutch, english]) {
      expect(message.html).toContain('<a href="');
      expect(message.text).toContain('Ergonomic seating comfort');
      expect(message.raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(message.messageId).toMatch(
        new RegExp(
          `^<cpo\\.${id}\\.circular-need\\.r1\\.approval-request\\.0\\.[0-9a-f]{16}@gent\\.example>$`,
        ),
      );
    }
    expect(decisionLink(dutch)).not.toEqual(decisionLink(english));
    expect(dutch.links.every((l) => l.startsWith(h.baseUrl))).toBe(true);
    expect(english.text).toContain('everyone must approve');
  });

  test('opening the link (GET) shows the decision page and changes nothing', async () => {
    const id = await projectWithOpenRound('get-is-safe');
    const link = decisionLink(await requestFor(id, bram.email));
    const before = await settledHistoryLength(h, id);

    const page = await request(h.baseUrl).get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Bram De Smet');
    expect(page.text).toContain('name="decision" value="approve"');
    expect(page.text).toContain('Kantoormeubilair stadskantoor');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['cache-control']).toBe('no-store');

    expect(await decisionsIn(id)).toEqual([]);
    expect(await historyLength(id)).toBe(before);
  });

  test('a mail scanner that GETs every link of every message records nothing', async () => {
    const id = await projectWithOpenRound('prefetch');
    await requestFor(id, bram.email);
    await requestFor(id, chloe.email);
    const before = await settledHistoryLength(h, id);
    const links = h.mail.messages.filter((m) => m.messageId?.includes(`cpo.${id}.`)).flatMap((m) => m.links);
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) {
      const response = await request(h.baseUrl).get(link.slice(h.baseUrl.length));
      expect(response.status).toBe(200);
    }
    expect(await decisionsIn(id)).toEqual([]);
    expect(await historyLength(id)).toBe(before);
  });

  test('a POST from the page records the decision and, once everyone approved, the project moves on', async () => {
    const id = await projectWithOpenRound('approve-by-mail');
    const bramLink = decisionLink(await requestFor(id, bram.email));
    const chloeLink = decisionLink(await requestFor(id, chloe.email));

    const first = await request(h.baseUrl)
      .post(bramLink)
      .type('form')
      .send({ decision: 'approve', comment: 'Goed onderbouwd' });
    expect(first.status).toBe(200);
    expect(first.text).toContain('uw beslissing is geregistreerd');
    expect(first.text).toContain('wacht nog op andere goedkeurders');

    const second = await request(h.baseUrl).post(chloeLink).type('form').send({ decision: 'approve' });
    expect(second.status).toBe(200);
    expect(second.text).toContain('The round is closed: approved');

    const state = await h.client.workflow.getHandle(workflowIdFor(id)).query(projectQuery);
    expect(state.step).toBe('circular-ambitions');
    const audit = await h.client.workflow.getHandle(workflowIdFor(id)).query(auditTrailQuery);
    expect(audit.find((e) => e.kind === 'decided' && e.actor === bram.email)).toMatchObject({
      channel: 'email',
      comment: 'Goed onderbouwd',
    });
  });

  test('a second click on the same link is reported as already recorded and counted once', async () => {
    const id = await projectWithOpenRound('second-click');
    const link = decisionLink(await requestFor(id, bram.email));
    const clicks = await Promise.all([
      request(h.baseUrl).post(link).type('form').send({ decision: 'approve' }),
      request(h.baseUrl).post(link).type('form').send({ decision: 'approve' }),
    ]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    const again = await request(h.baseUrl).get(link);
    expect(again.text).toContain('Al geregistreerd: goedgekeurd op');
    const late = await request(h.baseUrl)
      .post(link)
      .type('form')
      .send({ decision: 'reject', comment: 'changed my mind' });
    expect(late.text).toContain('Al geregistreerd: goedgekeurd');
    expect(await decisionsIn(id)).toEqual([`${bram.email}:approve`]);
  });

  test('rejecting without a comment answers a readable page that keeps what was typed and records nothing', async () => {
    const id = await projectWithOpenRound('needs-comment');
    const link = decisionLink(await requestFor(id, chloe.email));
    const response = await request(h.baseUrl)
      .post(link)
      .type('form')
      .send({ decision: 'reject', comment: '   ' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('it is required to reject');
    expect(response.text).toContain('name="decision" value="reject"');
    expect(await decisionsIn(id)).toEqual([]);
  });

  test('a resubmission replaces the round: the old link says "replaced by round 2" and everyone gets the new request', async () => {
    const id = await projectWithOpenRound('superseded');
    const oldLink = decisionLink(await requestFor(id, bram.email));
    const resubmitted = await h
      .api()
      .post(`/api/projects/${id}/submissions/circular-need`)
      .send({ ...sampleNeed, wishes: ['fabric in city colours'] });
    expect(resubmitted.body).toMatchObject({ round: 2, supersededRound: 1 });

    const replaced = await h.mail.waitFor(
      (m) =>
        m.to.includes(bram.email) &&
        m.messageId?.includes(`cpo.${id}.circular-need.r1.round-replaced`) === true,
    );
    expect(replaced[0]?.inReplyTo).toMatch(/approval-request\.0\./);
    const newRequest = await requestFor(id, bram.email, (m) => m.messageId?.includes('.r2.') === true);

    const page = await request(h.baseUrl).get(oldLink);
    expect(page.status).toBe(410);
    expect(page.text).toContain('Vervangen door ronde 2');
    const post = await request(h.baseUrl).post(oldLink).type('form').send({ decision: 'approve' });
    expect(post.text).toContain('Vervangen door ronde 2');
    expect(await decisionsIn(id)).toEqual([]);

    const fresh = await request(h.baseUrl)
      .post(decisionLink(newRequest))
      .type('form')
      .send({ decision: 'approve' });
    expect(fresh.status).toBe(200);
    expect(await decisionsIn(id)).toEqual([`${bram.email}:approve`]);
  });

  test('a delegation the project refuses is explained in the page’s language', async () => {
    const id = await projectWithOpenRound('delegate-to-self');
    const link = decisionLink(await requestFor(id, chloe.email));
    const toHerself = { name: 'Chloé', email: chloe.email, comment: 'by mistake' };
    const dutch = await request(h.baseUrl).post(`${link}/delegate?lang=nl`).type('form').send(toHerself);
    expect(dutch.status).toBe(409);
    expect(dutch.text).toContain('Delegeren lukte niet');
    expect(dutch.text).toContain('U kunt niet aan uzelf overdragen.');
    expect(dutch.text).not.toContain('you cannot delegate');
    const english = await request(h.baseUrl).post(`${link}/delegate?lang=en`).type('form').send(toHerself);
    expect(english.status).toBe(409);
    expect(english.text).toContain('you cannot delegate to yourself');
    expect(await decisionsIn(id)).toEqual([]);
  });

  test('delegating on the page hands the decision over: the delegate gets a link of their own and decides', async () => {
    const id = await projectWithOpenRound('delegate-by-mail');
    const link = decisionLink(await requestFor(id, chloe.email));
    const delegate = { name: 'Jan Verhoeven', email: 'jan.verhoeven@gent.example' };
    const response = await request(h.baseUrl)
      .post(`${link}/delegate`)
      .type('form')
      .send({ ...delegate, comment: 'on leave' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Jan Verhoeven');

    const delegated = await requestFor(id, delegate.email);
    expect(delegated.text).toContain('delegated this decision to you');
    expect((await request(h.baseUrl).get(link)).text).toContain('delegated this decision to Jan Verhoeven');
    const decided = await request(h.baseUrl)
      .post(decisionLink(delegated))
      .type('form')
      .send({ decision: 'approve' });
    expect(decided.status).toBe(200);
    expect(await decisionsIn(id)).toEqual([`${delegate.email}:approve`]);
  });
});

describe('a link that is not a valid capability', () => {
  const signer = new LinkSigner(SIGNING_KEYS);

  async function expectGenericNotFound(path: string, title: string) {
    for (const response of [
      await request(h.baseUrl).get(path),
      await request(h.baseUrl).post(path).type('form').send({ decision: 'approve' }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.text).toContain('Deze link is niet geldig');
      expect(response.text).not.toContain(title);
    }
  }

  test('a tampered token gets the generic not-found page and reveals nothing', async () => {
    const id = await projectWithOpenRound('tampered');
    const link = decisionLink(await requestFor(id, bram.email));
    const [prefix, keyId, payload, signature] = link.slice('/d/'.length).split('.') as [
      string,
      string,
      string,
      string,
    ];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, a: chloe.email })).toString('base64url');
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;

    await expectGenericNotFound(`/d/${prefix}.${keyId}.${forged}.${signature}`, 'Kantoormeubilair');
    await expectGenericNotFound(`/d/${prefix}.${keyId}.${payload}.${flipped}`, 'Kantoormeubilair');
    await expectGenericNotFound(`/d/${prefix}.unknown-key.${payload}.${signature}`, 'Kantoormeubilair');
    await expectGenericNotFound('/d/not-a-token-at-all', 'Kantoormeubilair');
    expect(await decisionsIn(id)).toEqual([]);
  });

  test('a validly signed link for another round or for someone who is not an approver is not found', async () => {
    const id = await projectWithOpenRound('wrong-round');
    const expires = Date.now() + 86_400_000;
    await expectGenericNotFound(
      `/d/${signer.sign({ k: 'decision', p: id, g: 'circular-need', r: 7, a: bram.email, e: expires })}`,
      'Kantoormeubilair',
    );
    await expectGenericNotFound(
      `/d/${signer.sign({ k: 'decision', p: id, g: 'circular-need', r: 1, a: 'mallory@evil.example', e: expires })}`,
      'Kantoormeubilair',
    );
    await expectGenericNotFound(
      `/d/${signer.sign({ k: 'decision', p: 'no-such-project', g: 'circular-need', r: 1, a: bram.email, e: expires })}`,
      'Kantoormeubilair',
    );
    expect(await decisionsIn(id)).toEqual([]);
  });

  test('links signed with an older configured key still work after rotation', async () => {
    const id = await projectWithOpenRound('rotation');
    await requestFor(id, bram.email);
    const oldKeyOnly = new LinkSigner([SIGNING_KEYS[0] as (typeof SIGNING_KEYS)[number]]);
    const token = oldKeyOnly.sign({
      k: 'decision',
      p: id,
      g: 'circular-need',
      r: 1,
      a: bram.email,
      e: Date.now() + 86_400_000,
    });
    expect(token.split('.')[1]).toBe('k2025');
    const response = await request(h.baseUrl).post(`/d/${token}`).type('form').send({ decision: 'approve' });
    expect(response.status).toBe(200);
    expect(await decisionsIn(id)).toEqual([`${bram.email}:approve`]);
  });
});

describe('secrets', () => {
  test('neither a link token nor the signing key appears in workflow history or in the logs', async () => {
    const lines: string[] = [];
    const logger = createLogger('debug', {}, (line) => lines.push(line));
    const app = createApp({ client: h.client, config: h.config, logger });
    const id = await projectWithOpenRound('secrets');
    const link = decisionLink(await requestFor(id, bram.email));
    const token = link.slice('/d/'.length);
    await request(app).get(link);
    await request(app).post(link).type('form').send({ decision: 'approve' });

    const history = JSON.stringify(await h.client.workflow.getHandle(workflowIdFor(id)).fetchHistory());
    for (const secret of [token, token.split('.')[3] as string, ...SIGNING_KEYS.map((k) => k.secret)]) {
      expect(history).not.toContain(secret);
      expect(lines.join('\n')).not.toContain(secret);
    }
    expect(lines.some((line) => line.includes('/d/[redacted]'))).toBe(true);
  });

  test('the link routes are rate limited', async () => {
    const app = createApp({
      client: h.client,
      config: { ...h.config, links: { ...h.config.links, rateLimitPerMinute: 3 } },
      logger: createLogger('error'),
    });
    const agent = request(app);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await agent.get('/d/some-made-up-token')).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });
});

describe('mail delivery', () => {
  test('messages sent while the SMTP server is down are all delivered once it is back, each with its Message-ID', async () => {
    const outage = await startMailCapture();
    const port = outage.smtpPort;
    const harness = await startHarness({ env, mail: outage });
    try {
      await outage.stop();
      const id = `smtp-outage-${Date.now()}`;
      expect((await harness.api().post('/api/projects').send(sampleProject(id))).status).toBe(202);
      expect(
        (await harness.api().post(`/api/projects/${id}/submissions/circular-need`).send(sampleNeed)).status,
      ).toBe(200);
      // While the server is down the activities fail and retry (backing off from 5 s).
      await eventually(async () => {
        const description = await harness.client.workflow.getHandle(workflowIdFor(id)).describe();
        const raw = description.raw.pendingActivities ?? [];
        return raw.some((a) => (a.attempt ?? 0) >= 2) || undefined;
      }, 20_000);
      const back = await startMailCapture({ smtpPort: port });
      try {
        const delivered = await back.waitFor((m) => m.messageId?.includes(`cpo.${id}.`) === true, {
          count: 2,
          timeoutMs: 30_000,
        });
        expect(delivered.map((m) => m.to[0]).sort()).toEqual([bram.email, chloe.email].sort());
        expect(new Set(delivered.map((m) => m.messageId)).size).toBe(2);
      } finally {
        await back.stop();
      }
    } finally {
      await harness.close();
    }
  }, 60_000);
});
