import { sampleAward, sampleAwardLegalFrame, sampleTenderDocuments } from '../../dev/sample-project';
import { catalogue } from '../../domain/catalogue';
import { submissionDigest } from '../../domain/digest';
import {
  extensionProblem,
  latestEndWithOptions,
  standstillEndsOn,
} from '../../domain/legal-frame/contract-dates';
import { cpvProblem } from '../../domain/legal-frame/cpv';
import {
  type BuyerType,
  type ContractType,
  THRESHOLDS,
  checkProcedure,
  thresholdOn,
} from '../../domain/legal-frame/thresholds';
import { awardDeliverable, tenderDocumentsDeliverable } from '../../domain/schemas';
import { problems } from '../helpers/problems';

const check = (
  procedure: string,
  baseEur: number,
  contractType: ContractType,
  buyerType: BuyerType = 'sub-central',
  date = '2026-03-01',
  extra: { optionsEur?: number; extensionsEur?: number } = {},
) =>
  checkProcedure({
    procedure,
    contractType,
    buyerType,
    date,
    estimatedValue: { baseEur, optionsEur: extra.optionsEur ?? 0, extensionsEur: extra.extensionsEur ?? 0 },
  });

describe('thresholds as dated data', () => {
  test('every row names its source and a period, and no two rows of one kind overlap', () => {
    for (const row of THRESHOLDS) {
      expect(row.source.length).toBeGreaterThan(20);
      expect(row.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (row.validTo !== null) expect(row.validTo >= row.validFrom).toBe(true);
    }
    for (const a of THRESHOLDS)
      for (const b of THRESHOLDS) {
        if (a === b || a.id !== b.id) continue;
        const sameScope =
          a.contractTypes.some((t) => b.contractTypes.includes(t)) &&
          a.buyerTypes.some((t) => b.buyerTypes.includes(t));
        const overlap = a.validFrom <= (b.validTo ?? '9999') && b.validFrom <= (a.validTo ?? '9999');
        expect(sameScope && overlap).toBe(false);
      }
  });

  test.each([
    ['2025-12-31', 'works', 'central', 5_538_000],
    ['2026-01-01', 'works', 'sub-central', 5_404_000],
    ['2025-12-31', 'supplies', 'central', 143_000],
    ['2026-01-01', 'supplies', 'central', 140_000],
    ['2025-12-31', 'services', 'sub-central', 221_000],
    ['2026-01-01', 'services', 'sub-central', 216_000],
    ['2027-12-31', 'services', 'sub-central', 216_000],
  ] as const)('on %s the EU threshold for %s (%s) is %d', (date, type, buyer, amount) => {
    const id = type === 'works' ? 'eu-works' : 'eu-supplies-services';
    expect(thresholdOn(id, date, type, buyer)?.amountEur).toBe(amount);
  });

  test('outside every recorded period there is no EU threshold, and the check says so instead of passing silently', () => {
    expect(thresholdOn('eu-works', '2028-01-01', 'works', 'central')).toBeUndefined();
    const result = check('open', 100_000, 'supplies', 'central', '2028-01-01');
    expect(result.verdict).toBe('warning');
    expect(result.reasons[0]?.en).toMatch(/No EU thresholds are recorded for 2028-01-01/);
    expect(result.reasons[0]?.nl).toMatch(/geen Europese drempels/);
  });
});

describe('the procedure against the thresholds, on both sides of each', () => {
  test.each([
    // EU thresholds 2026-2027: a competitive procedure with negotiation above them needs a ground of art. 38.
    ['works', 'central', 5_403_999, 5_404_000, 'competitive-negotiation', 'warning'],
    ['supplies', 'central', 139_999, 140_000, 'competitive-negotiation', 'warning'],
    ['services', 'sub-central', 215_999, 216_000, 'competitive-negotiation', 'warning'],
    // The simplified negotiated procedure with publication is refused at and above them.
    ['supplies', 'sub-central', 215_999, 216_000, 'simplified-negotiation-publication', 'refusal'],
    ['services', 'central', 139_999, 140_000, 'simplified-negotiation-publication', 'refusal'],
    ['works', 'sub-central', 749_999, 750_000, 'simplified-negotiation-publication', 'refusal'],
    // Accepted invoice (art. 92) and negotiated without publication on value (art. 42).
    ['supplies', 'sub-central', 29_999, 30_000, 'low-value-accepted-invoice', 'refusal'],
    ['works', 'central', 142_999, 143_000, 'negotiated-no-publication', 'warning'],
  ] as const)('%s (%s): %d fits, %d does not for %s (%s)', (type, buyer, below, at, procedure, verdict) => {
    const fits = check(procedure, below, type, buyer);
    expect(fits.verdict).toBe('ok');
    expect(fits.reasons).toEqual([]);
    const over = check(procedure, at, type, buyer);
    expect(over.verdict).toBe(verdict);
    expect(over.reasons).toHaveLength(1);
    expect(over.reasons[0]?.en).toMatch(/art\. (38|41|42|92)/);
    expect(over.reasons[0]?.nl).toMatch(/art\. (38|41|42|92) wet 17 juni 2016/);
  });

  test('the 2024-2025 thresholds apply to a procedure published in 2025', () => {
    expect(
      check('simplified-negotiation-publication', 220_999, 'services', 'sub-central', '2025-06-01').verdict,
    ).toBe('ok');
    expect(
      check('simplified-negotiation-publication', 216_000, 'services', 'sub-central', '2026-06-01').verdict,
    ).toBe('refusal');
  });

  test('options and extensions count in the value compared with a threshold', () => {
    const result = check('low-value-accepted-invoice', 20_000, 'services', 'central', '2026-03-01', {
      optionsEur: 4_000,
      extensionsEur: 6_000,
    });
    expect(result.totalEur).toBe(30_000);
    expect(result.verdict).toBe('refusal');
    expect(result.reasons[0]?.en).toBe(
      'An accepted invoice is allowed only below €30,000 excl. VAT (art. 92 of the law of 17 June 2016); the estimated value with options and extensions is €30,000.',
    );
    expect(result.reasons[0]?.nl).toBe(
      'Een aanvaarde factuur kan alleen onder € 30.000 excl. btw (art. 92 wet 17 juni 2016); de geraamde waarde met opties en verlengingen is € 30.000.',
    );
  });

  test('an open procedure is fine at any value, and from the EU threshold on it is published in the EU too', () => {
    expect(check('open', 215_999, 'supplies', 'sub-central')).toMatchObject({
      verdict: 'ok',
      europeanPublication: false,
      euThresholdEur: 216_000,
    });
    expect(check('open', 216_000, 'supplies', 'sub-central')).toMatchObject({
      verdict: 'ok',
      europeanPublication: true,
    });
  });
});

describe('CPV codes', () => {
  test.each([
    '39130000-2',
    '39112000-0',
    '39121100-7',
    '50850000-8',
    '45233120-6',
    '44212211-1',
    '90910000-9',
  ])('%s is accepted', (code) => expect(cpvProblem(code)).toBeUndefined());

  test('a wrong check digit is refused with the right one named', () => {
    expect(cpvProblem('39130000-3')).toBe(
      'the check digit of 39130000 is 2, not 3: check the code in the CPV list',
    );
  });

  test.each(['39130000', '3913000-2', '39130000 2', 'AB130000-2', '39130000-22'])(
    '%s is not in the format',
    (code) => expect(cpvProblem(code)).toMatch(/NNNNNNNN-N/),
  );

  test('in divisions 03 and 09, whose published check digits follow no rule, only the format is checked', () => {
    expect(cpvProblem('09310000-5')).toBeUndefined();
    expect(cpvProblem('03400000-4')).toBeUndefined();
    expect(cpvProblem('0931000-5')).toMatch(/NNNNNNNN-N/);
  });
});

describe('the legal frame in the tender documents', () => {
  const tender = sampleTenderDocuments;
  const frame = tender.legalFrame!;

  test('the sample states a coherent frame: above the EU threshold, a competitive negotiation on a ground of art. 38', () => {
    expect(problems(tenderDocumentsDeliverable, tender)).toEqual([]);
    const result = checkProcedure({
      procedure: tender.procedure,
      ...frame,
      date: frame.keyDates.publication,
    });
    expect(result).toMatchObject({ verdict: 'warning', totalEur: 820_000, europeanPublication: true });
    expect(tender.procedureJustification).toMatch(/art\. 38/);
  });

  test('a procedure the value does not allow is refused with the reason', () => {
    expect(
      problems(tenderDocumentsDeliverable, { ...tender, procedure: 'low-value-accepted-invoice' }),
    ).toEqual([
      'procedure: An accepted invoice is allowed only below €30,000 excl. VAT (art. 92 of the law of 17 June 2016); the estimated value with options and extensions is €820,000.',
    ]);
  });

  test('extension options without their value, CPV codes, dates out of order are each refused', () => {
    const bad = {
      ...tender,
      legalFrame: {
        ...frame,
        estimatedValue: { baseEur: 640_000, optionsEur: 0, extensionsEur: 0 },
        cpvCodes: ['39130000-2', '39130000-2', '39130000-3'],
        keyDates: { publication: '2026-07-06', offerDeadline: '2026-07-06', opening: '2026-07-01' },
      },
    };
    expect(problems(tenderDocumentsDeliverable, bad)).toEqual([
      'legalFrame.cpvCodes.2: the check digit of 39130000 is 2, not 3: check the code in the CPV list',
      'legalFrame.cpvCodes.1: 39130000-2 appears twice',
      'legalFrame.keyDates.offerDeadline: the offer deadline must come after the publication (2026-07-06)',
      'legalFrame.keyDates.opening: offers are opened at or after the offer deadline (2026-07-06)',
      'legalFrame.estimatedValue.extensionsEur: the tender has extension options: their value belongs in the estimated value',
    ]);
  });

  test('tender documents without the frame (as before it existed) are still valid', () => {
    const { legalFrame: _frame, ...before } = tender;
    expect(problems(tenderDocumentsDeliverable, before)).toEqual([]);
  });

  test('the digest shows the frame and the threshold check in Dutch and English', () => {
    const digest = submissionDigest('tender-documents', tenderDocumentsDeliverable.parse(tender));
    expect(digest.nl).toEqual(
      expect.arrayContaining([
        'Geraamde waarde (excl. btw, met opties en verlengingen): € 820.000 (waarvan opties € 0, waarvan verlengingen € 180.000); Leveringen, andere overheid (gewest, provincie, gemeente, …)',
        'CPV-codes: 39130000-2, 39112000-0, 39121100-7, 50850000-8',
        expect.stringMatching(
          /^Toets aan de drempels: Boven de Europese drempel van € 216\.000 .* Europese bekendmaking vereist \(€ 216\.000\)\.$/,
        ),
      ]),
    );
    expect(digest.en).toEqual(
      expect.arrayContaining([
        'Publication (or invitation to tender): 2026-07-06; Offer deadline: 2026-08-31; Opening of the offers: 2026-08-31',
      ]),
    );
  });
});

describe('the formal award decision and the standstill', () => {
  test('the standstill ends 15 days after the notification, or after the decision when none is given', () => {
    expect(standstillEndsOn({ date: '2026-12-01' })).toBe('2026-12-16');
    expect(standstillEndsOn({ date: '2026-12-01', notifiedOn: '2026-12-03' })).toBe('2026-12-18');
  });

  test('a contract start, a conclusion or a start order before the standstill has passed is refused', () => {
    const award = sampleAward('2026-12-10', '2030-12-10', {
      legalFrame: {
        decision: { body: 'council', date: '2026-12-01', reference: 'GR 2026/44', notifiedOn: '2026-11-30' },
        conclusionOn: '2026-12-14',
        startOrderOn: '2026-12-13',
      },
    });
    expect(problems(awardDeliverable, award)).toEqual([
      'legalFrame.decision.notifiedOn: the tenderers are notified on or after the decision (2026-12-01)',
      'legalFrame.conclusionOn: no contract before the 15-day standstill has passed (2026-12-15)',
      'legalFrame.startOrderOn: the start order comes after the contract is concluded (2026-12-14)',
      'contractStart: the contract cannot start before the 15-day standstill after the award decision has passed (2026-12-15)',
    ]);
  });

  test('the deciding body is one of council, college or a delegated official, with a reference', () => {
    const frame = sampleAwardLegalFrame('2026-11-01');
    const award = sampleAward('2026-12-16', '2030-12-10', {
      legalFrame: { ...frame, decision: { ...frame.decision, body: 'mayor' as never, reference: ' ' } },
    });
    expect(problems(awardDeliverable, award)).toEqual([
      'legalFrame.decision.body: Invalid option: expected one of "council"|"college"|"delegated-official"',
      'legalFrame.decision.reference: must not be empty',
    ]);
    expect(catalogue.legal_frame.decision_bodies.map((b) => b.id)).toEqual([
      'council',
      'college',
      'delegated-official',
    ]);
  });

  test('the award digest names the body, the reference and the end of the standstill', () => {
    const award = awardDeliverable.parse(
      sampleAward('2026-12-20', '2030-12-20', { legalFrame: sampleAwardLegalFrame('2026-11-20') }),
    );
    const digest = submissionDigest('award', award);
    expect(digest.en).toContain(
      'Award decision: College of mayor and aldermen (or standing committee), 2026-11-20, CBS 2026/1187 (tenderers notified 2026-11-20)',
    );
    expect(digest.nl).toContain(
      'Wachttermijn (standstill) tot 2026-12-05; Sluiting van de opdracht: 2026-12-05; Bevel tot aanvang: 2026-12-06',
    );
  });
});

describe('extending a contract within the tender', () => {
  const contract = { originalEnd: '2030-01-31', end: '2030-01-31' };

  test('the options add up: 12 + 12 months from the original end', () => {
    expect(latestEndWithOptions('2030-01-31', [{ months: 12 }, { months: 12 }])).toBe('2032-01-31');
  });

  test('an extension within the options is allowed, one beyond them is refused with the reason', () => {
    const options = [{ months: 12 }, { months: 12 }];
    expect(extensionProblem(contract, '2032-01-31', options)).toBeUndefined();
    expect(extensionProblem(contract, '2032-02-01', options)).toBe(
      "contractEnd: the tender's extension options (12 + 12 months) let the contract run until 2032-01-31 at most, not 2032-02-01; a longer contract needs a new procurement",
    );
  });

  test('a tender without options allows no extension, but ending early is always allowed', () => {
    expect(extensionProblem(contract, '2030-02-01', [])).toMatch(
      /^contractEnd: the tender provides no extension options, so the contract cannot run past 2030-01-31/,
    );
    expect(extensionProblem(contract, '2029-06-30', [])).toBeUndefined();
  });

  test('after an extension, what is left of the options still counts from the original end', () => {
    const extended = { originalEnd: '2030-01-31', end: '2031-01-31' };
    expect(extensionProblem(extended, '2031-06-30', [{ months: 12 }])).toMatch(/until 2031-01-31 at most/);
  });
});
