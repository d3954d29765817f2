import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  sampleAmbitions,
  sampleAward,
  sampleEndOfUse,
  sampleMarketDialogue,
  sampleNeed,
  sampleTenderDocuments,
} from '../../dev/sample-project';
import {
  PROBLEM_TEXTS,
  type ProblemCode,
  englishOf,
  isProblemCode,
  problemText,
  problemsOfDetails,
  ruleProblem,
} from '../../domain/problems';
import {
  approvalPolicy,
  approvalSettingsChange,
  contractAmendment,
  decisionInput,
  deliverableSchemas,
  useConfirmation,
} from '../../domain/schemas';
import { documentName } from '../../domain/documents';

/** Sample values for any parameter a text asks for: a string, so every template fills in. */
const sampleParams: Record<string, string> = new Proxy(
  {},
  {
    get: (_, key) => (typeof key === 'string' ? `‹${key}›` : undefined),
  },
);

describe('the catalogue of rule texts', () => {
  const codes = Object.keys(PROBLEM_TEXTS) as ProblemCode[];

  test.each(codes)('%s reads in Dutch and in English, differently', (code) => {
    const nl = problemText(code, sampleParams, 'nl');
    const en = problemText(code, sampleParams, 'en');
    expect(nl?.trim()).toBeTruthy();
    expect(en?.trim()).toBeTruthy();
    expect(nl).not.toEqual(en);
    // Every parameter it is given is a plain value: no "undefined" or "[object Object]" leaks in.
    expect(`${nl} ${en}`).not.toMatch(/undefined|\[object/);
  });

  test('an unknown code has no text, so the reader falls back to the message', () => {
    expect(isProblemCode('no.such-rule')).toBe(false);
    expect(problemText('no.such-rule', {}, 'nl')).toBeUndefined();
  });

  test('the English text names its field first, as the API has always answered', () => {
    expect(englishOf(ruleProblem('amendment.end-unchanged', { end: '2030-01-01' }, 'contractEnd'))).toBe(
      'contractEnd: the contract already ends on 2030-01-01',
    );
  });

  test("a failure's details give back only well-formed rule problems", () => {
    const problem = ruleProblem('moment.not-due', { kind: 'kick-off', dueOn: '2027-01-04' });
    expect(problemsOfDetails([{ problems: [problem] }])).toEqual([problem]);
    expect(problemsOfDetails([{ problems: [{ rule: 'no.such-rule', params: {} }] }])).toBeUndefined();
    expect(problemsOfDetails([{ problems: [] }])).toBeUndefined();
    expect(problemsOfDetails(undefined)).toBeUndefined();
  });
});

/** The arguments of the call whose parenthesis opens just before `start`. */
function callAt(source: string, start: number): string {
  let depth = 1;
  let at = start;
  while (depth > 0 && at < source.length) {
    if (source[at] === '(') depth++;
    if (source[at] === ')') depth--;
    at++;
  }
  return source.slice(start, at - 1);
}

type Case = [string, z.ZodType, unknown, ProblemCode];
const tender = sampleTenderDocuments;
const dialogue = sampleMarketDialogue as Extract<typeof sampleMarketDialogue, { mode: 'dialogue' }>;
const objective = sampleAmbitions.objectives[0] as (typeof sampleAmbitions.objectives)[number];
const award = sampleAward('2027-01-01', '2035-01-01');
const REASON = 'The reason, as a person writes it.';

/** Bad input for each kind of cross-field rule of the schemas, and the rule it must break. */
const CASES: Case[] = [
  ['a control character', documentName, 'a\u0007b.pdf', 'text.control-characters'],
  ['a path in a file name', documentName, 'a/b.pdf', 'document.file-name'],
  ['a quorum without its number', approvalPolicy, { rule: 'quorum' }, 'policy.quorum-missing'],
  ['a quorum on another rule', approvalPolicy, { rule: 'all', quorum: 2 }, 'policy.quorum-not-applicable'],
  ['a settings change that changes nothing', approvalSettingsChange, {}, 'settings.change-nothing'],
  ['a rejection without a comment', decisionInput, { decision: 'reject' }, 'decision.comment-required'],
  ['an amendment that changes nothing', contractAmendment, { reason: REASON }, 'amendment.change-nothing'],
  ['use going on without a date', useConfirmation, { continues: true, reason: REASON }, 'use.until-missing'],
  [
    'a need whose chosen alternative was not feasible',
    deliverableSchemas['circular-need'],
    {
      ...sampleNeed,
      decision: { outcome: 'no-purchase', alternative: 'share', explanation: 'Sharing covers it.' },
    },
    'need.chosen-not-feasible',
  ],
  [
    'a need without one of the alternatives',
    deliverableSchemas['circular-need'],
    { ...sampleNeed, alternatives: sampleNeed.alternatives.slice(1) },
    'need.alternative-missing',
  ],
  [
    'an objective chosen twice',
    deliverableSchemas['circular-ambitions'],
    { ...sampleAmbitions, objectives: [objective, objective] },
    'ambitions.objective-twice',
  ],
  [
    'a strategy of another objective',
    deliverableSchemas['circular-ambitions'],
    { ...sampleAmbitions, objectives: [{ ...objective, strategies: ['no-such-strategy'] }] },
    'strategy.not-of-objective',
  ],
  [
    'a dialogue no supplier took part in',
    deliverableSchemas['market-dialogue'],
    { ...dialogue, suppliers: dialogue.suppliers.map((s) => ({ ...s, tookPart: false })) },
    'dialogue.no-supplier-took-part',
  ],
  [
    'a milestone before the dialogue started',
    deliverableSchemas['market-dialogue'],
    {
      ...dialogue,
      planning: { ...dialogue.planning, milestones: [{ what: 'Too early', plannedOn: '2026-01-01' }] },
    },
    'dialogue.milestone-before-start',
  ],
  [
    'weights that do not sum to 100',
    deliverableSchemas['tender-documents'],
    { ...tender, awardCriteria: tender.awardCriteria.map((c) => ({ ...c, weight: 10 })) },
    'tender.weights-sum',
  ],
  [
    'an award on price with a cost criterion',
    deliverableSchemas['tender-documents'],
    { ...tender, awardBasis: 'price' },
    'tender.basis-price',
  ],
  [
    'a divided contract without its count of lots',
    deliverableSchemas['tender-documents'],
    { ...tender, scope: { ...tender.scope, lots: { divided: true, reason: REASON } } },
    'tender.lots-count-missing',
  ],
  [
    'a longer term without its reason',
    deliverableSchemas['tender-documents'],
    { ...tender, scope: { ...tender.scope, longerTermReason: undefined } },
    'tender.longer-term-reason',
  ],
  [
    'a CPV code with a wrong check digit',
    deliverableSchemas['tender-documents'],
    { ...tender, legalFrame: { ...tender.legalFrame, cpvCodes: ['39130000-3'] } },
    'legal.cpv-check-digit',
  ],
  [
    'an offer deadline before the publication',
    deliverableSchemas['tender-documents'],
    {
      ...tender,
      legalFrame: {
        ...tender.legalFrame,
        keyDates: { publication: '2026-07-06', offerDeadline: '2026-07-01', opening: '2026-07-01' },
      },
    },
    'legal.offer-deadline-before-publication',
  ],
  [
    'a contract that ends before it starts',
    deliverableSchemas.award,
    { ...award, contractEnd: '2026-12-01' },
    'award.end-before-start',
  ],
  [
    'a contract concluded within the standstill',
    deliverableSchemas.award,
    { ...award, legalFrame: { ...award.legalFrame, conclusionOn: award.legalFrame?.decision.date } },
    'legal.concluded-in-standstill',
  ],
  [
    'a buy-back without its residual value',
    deliverableSchemas['end-of-use'],
    {
      ...sampleEndOfUse,
      items: sampleEndOfUse.items.map((item) => ({ ...item, residualValueEur: undefined })),
    },
    'end-of-use.residual-value-missing',
  ],
];

describe('every custom issue of the schemas carries a known rule code', () => {
  test.each(CASES)('%s', (_, schema, input, expected) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const custom = (result.error?.issues ?? []).filter((issue) => issue.code === 'custom');
    const rules = custom.map((issue) => (issue as { params?: { rule?: unknown } }).params?.rule);
    expect(rules).toContain(expected);
    for (const [index, issue] of custom.entries()) {
      const rule = rules[index];
      expect(isProblemCode(rule)).toBe(true);
      // The API keeps answering the English text, rendered from the same entry.
      const { rule: _rule, ...params } = (issue as { params: Record<string, string | number> }).params;
      expect(issue.message).toBe(problemText(rule as string, params, 'en'));
    }
  });

  test('no schema raises a custom issue without a rule: every refinement goes through the catalogue', () => {
    // The cases above cannot reach every branch; the source can: a custom issue or a refinement
    // written with a bare message would bypass domain/problems.
    const domain = join(__dirname, '../../domain');
    const files = [
      ...readdirSync(join(domain, 'schemas'))
        .filter((file) => file.endsWith('.ts'))
        .map((file) => join('schemas', file)),
      'documents.ts',
    ];
    const offending = files.flatMap((file) => {
      const source = readFileSync(join(domain, file), 'utf8');
      return [...source.matchAll(/(?:ctx\.addIssue|\.refine)\(/g)]
        .map((match) => callAt(source, match.index + match[0].length))
        .filter((call) => !call.includes('ruleCheck('))
        .map((call) => `${file}: ${call.slice(0, 80)}`);
    });
    expect(offending).toEqual([]);
  });
});
