/**
 * The project's file as PDF and CSV, from a project driven through the real stack into end of use
 * (KPIs from a review, indicators from the ambitions and the award, end-of-use items, a document,
 * the audit trail). The PDF is parsed back with pdf-parse, the CSV with csv-parse.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { sampleAward, sampleEndOfUse } from '../../dev/sample-project';
import { GATE_LABELS, catalogue, label, stepLabel } from '../../domain/catalogue';
import { DEFAULT_FOLLOW_UP_CADENCE } from '../../domain/schemas';
import { type Harness, VIEWER_KEY, devServerEnvironment, eventually, startHarness } from '../helpers/harness';
import {
  advanceTo,
  approveRound,
  createProject,
  daysFromNow,
  submit,
  uniqueId,
} from '../helpers/project-api';
import { pdfBytes } from './files';
import { pdfText } from './pdf-text';

let env: TestWorkflowEnvironment;
let h: Harness;
let dataDir: string;
let id: string;
const TITLE = 'Bureaustoelen ‘Chloé’ – café-inrichting € 12.500';

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

beforeAll(async () => {
  env = await devServerEnvironment();
  dataDir = await mkdtemp(path.join(tmpdir(), 'case-file-export-'));
  h = await startHarness({ env, configEnv: { DATA_DIR: dataDir } });
  id = uniqueId('export');
  await createProject(h, id, { title: TITLE });
  await advanceTo(h, id, 'award');
  const upload = await h
    .api()
    .post(`/api/projects/${id}/documents?kind=contract&name=Overeenkomst%20stoelen.pdf`)
    .set('Content-Type', 'application/pdf')
    .send(pdfBytes('overeenkomst'));
  expect(upload.status).toBe(201);
  // The contract starts today with its kick-off tomorrow, so the kick-off is announced at once.
  const cadence = { ...DEFAULT_FOLLOW_UP_CADENCE, kickOffWithinDays: 1 };
  await submit(h, id, 'award', sampleAward(daysFromNow(0), daysFromNow(730), { followUpCadence: cadence }));
  await approveRound(h, id);
  await eventually(async () => {
    const review = await h
      .api()
      .post(`/api/projects/${id}/reviews`)
      .send({
        momentId: 'kick-off',
        performance: 'Goed gestart, levering volledig',
        kpis: [{ kpiId: 'availability', value: 99.5, comment: 'Eén stoel "tijdelijk" vervangen, daarna ok' }],
      });
    return review.status === 200;
  });
  expect(
    (await h.api().post(`/api/projects/${id}/end-of-use`).send({ reason: 'versleten na gebruik' })).status,
  ).toBe(200);
  await submit(h, id, 'end-of-use', sampleEndOfUse);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await env?.teardown();
  await rm(dataDir, { recursive: true, force: true });
});

test('the PDF carries the project, its steps, decisions, KPIs, indicators, end of use, documents and audit trail', async () => {
  const response = await h
    .api(VIEWER_KEY)
    .get(`/api/projects/${id}/export.pdf?lang=nl`)
    .buffer(true)
    .parse(binary);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['content-disposition']).toBe(`attachment; filename=${id}-case-file.pdf`);
  // Lines wrap where the page ends: compare with runs of white space as one space.
  const text = (await pdfText(response.body as Buffer)).replace(/\s+/g, ' ');
  // Dutch characters, typographic quotes and the euro sign come out as written (the embedded font).
  expect(text).toContain(TITLE);
  for (const expected of [
    'Status: wacht op goedkeuring',
    'Stappen en inzendingen',
    `${stepLabel('specify-and-award', 'nl')} — ${GATE_LABELS.award.nl}`,
    'Contractbeheerder: Ilse Goossens',
    'Beslissingen',
    'Chloé Martin (chloe.martin@gent.example): goedgekeurd',
    "KPI's",
    `kick-off · ${label(catalogue.contract_kpis, 'availability', 'nl')} · 99.5 %`,
    'Eén stoel "tijdelijk" vervangen, daarna ok',
    'Indicatoren',
    `${label(catalogue.ambition_objectives.items, 'extend-lifetime', 'nl')} · nulmeting · 7 years`,
    'Einde gebruik',
    'lot-chairs-a · Office chairs, good condition · 180',
    'Documenten',
    'Overeenkomst stoelen.pdf',
    'Contract of bestelbon',
    'Audittrail',
    'project-created · api',
    'end-of-use-triggered',
  ])
    expect(text).toContain(expected);
  expect(text).toContain('restwaarde: € 9.000,00');
});

test('the CSV is one table of KPIs, indicators, end-of-use items, documents and the audit trail, quoted as RFC 4180 says', async () => {
  const response = await h.api(VIEWER_KEY).get(`/api/projects/${id}/export.csv?lang=en`);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  const rows = parse<Record<string, string>>(response.text, { bom: true, columns: true });
  const section = (name: string) => rows.filter((row) => row.section === name);
  expect(section('kpis')).toEqual([
    {
      section: 'kpis',
      reference: 'kick-off',
      name: label(catalogue.contract_kpis, 'availability', 'en'),
      value: '99.5',
      unit: '%',
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      actor: 'ans.peeters@gent.example',
      comment: 'Eén stoel "tijdelijk" vervangen, daarna ok',
    },
  ]);
  expect(section('indicators').map((row) => row.name)).toEqual(expect.arrayContaining(['baseline']));
  expect(section('end-of-use').map((row) => row.reference)).toEqual(
    sampleEndOfUse.items.map((item) => item.itemId),
  );
  expect(section('end-of-use')[0]?.comment).toContain('residual value: €9,000.00');
  expect(section('documents').map((row) => row.name)).toEqual(['Overeenkomst stoelen.pdf']);
  const audit = section('audit').map((row) => row.reference);
  expect(audit[0]).toBe('project-created');
  expect(audit).toEqual(
    expect.arrayContaining(['submitted', 'decided', 'review-recorded', 'end-of-use-triggered']),
  );
});

test('an unknown project has no export, and a bad language is a 400', async () => {
  expect((await h.api().get(`/api/projects/${uniqueId('nothing')}/export.pdf`)).status).toBe(404);
  const bad = await h.api().get(`/api/projects/${id}/export.csv?lang=fr`);
  expect([bad.status, bad.body.problems]).toEqual([400, [expect.stringMatching(/^query\.lang: /)]]);
});
