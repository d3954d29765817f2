/**
 * The form engine's parts on their own: every field of every form has a label in both languages,
 * parsing keeps the schema's types (an empty optional field absent, a number that is not one left
 * for the schema to refuse), rows are added and removed, and zod's problems land beside their field.
 */
import { GATE_IDS, catalogue, label } from '../../../domain/catalogue';
import { ruleProblem } from '../../../domain/problems';
import { deliverableSchemas } from '../../../domain/schemas';
import { type FieldNode, fieldPatterns } from '../../../presentation/forms/describe';
import { addRow, listAt, removeRow, rowsOf, stateOfBody } from '../../../presentation/forms/form-state';
import { gateForm, newProjectForm } from '../../../presentation/forms';
import { FIELD_LABELS, type FormId, fieldLabel, humanise } from '../../../presentation/forms/labels';
import { parseForm } from '../../../presentation/forms/parse';
import { problemsOfIssues, problemsOfRefusal, noProblems } from '../../../presentation/forms/problems';
import { renderNode, shownPaths } from '../../../presentation/forms/render';
import { CROSS_FIELD_RULES } from '../../../presentation/forms/rules';

const forms: [FormId, FieldNode][] = [
  ...GATE_IDS.map((gate): [FormId, FieldNode] => [gate, gateForm(gate)]),
  ['new-project', newProjectForm()],
];

test('every field of every form has a label in Dutch and English (a new schema field is listed here)', () => {
  const unlabelled = forms.flatMap(([form, node]) =>
    fieldPatterns(node)
      .filter((pattern) => !FIELD_LABELS[form][pattern]?.nl || !FIELD_LABELS[form][pattern]?.en)
      .map((pattern) => `${form}: ${pattern}`),
  );
  expect(unlabelled).toEqual([]);
});

test('labels and rules name only fields the forms have (no label left behind by a renamed field)', () => {
  const stale = forms.flatMap(([form, node]) => {
    const patterns = new Set(fieldPatterns(node));
    return [...Object.keys(FIELD_LABELS[form]), ...Object.keys(CROSS_FIELD_RULES[form])]
      .filter((pattern) => !patterns.has(pattern))
      .map((pattern) => `${form}: ${pattern}`);
  });
  expect(stale).toEqual([]);
});

test('a field without a label renders under its name made readable', () => {
  expect(humanise('legalFrame.estimatedValue.baseEur')).toBe('Base eur');
  expect(fieldLabel('award', 'someNewField', 'nl')).toBe('Some new field');
});

test('parsing keeps the schema types: numbers, ticked boxes, rows; empty optional fields stay absent', () => {
  const form = gateForm('end-of-use');
  const posted = stateOfBody({
    _csrf: 'token',
    endConfirmation: 'The chairs are no longer used.\r\nAll of them.',
    'items.0.itemId': 'lot-1',
    'items.0.description': 'Chairs',
    'items.0.quantity': '12',
    'items.0.condition': 'good',
    'items.0.routeId': 'repair-keep',
    'items.0.lowerRouteReason': '  ',
    'items.0.channelId': '',
    'items.0.residualValueEur': 'twelve',
    'items.0.recipient': 'Facility team',
  });
  expect(parseForm(form, posted)).toEqual({
    endConfirmation: 'The chairs are no longer used.\nAll of them.',
    items: [
      {
        itemId: 'lot-1',
        description: 'Chairs',
        quantity: 12,
        condition: 'good',
        routeId: 'repair-keep',
        residualValueEur: 'twelve',
        recipient: 'Facility team',
      },
    ],
  });
  // "twelve" is the schema's to refuse, beside its field.
  const result = deliverableSchemas['end-of-use'].safeParse(parseForm(form, posted));
  expect(result.success).toBe(false);
  const known = new Set(shownPaths(form, posted));
  const problems = problemsOfIssues(result.error?.issues ?? [], 'nl', (path) => known.has(path));
  expect([...problems.byField.keys()]).toEqual(['items.0.residualValueEur']);
  expect(problems.byField.get('items.0.residualValueEur')?.[0]).toMatch(/getal/);
});

test('"Add another" adds an empty row and "Remove" takes one out, the rows after it moving up', () => {
  const form = gateForm('circular-need');
  const state = stateOfBody({
    'inventory.0.what': 'Chairs',
    'inventory.1.what': 'Desks',
    'inventory.2.what': 'Lamps',
  });
  const inventory = listAt(form, 'inventory');
  if (!inventory) throw new Error('no inventory list');
  const { state: added, focus } = addRow(state, inventory.list, 'inventory');
  expect(focus).toBe('inventory.3.what');
  expect(rowsOf(added, 'inventory')).toEqual([0, 1, 2, 3]);
  const removed = removeRow(added, 'inventory', 1);
  expect(rowsOf(removed, 'inventory')).toEqual([0, 1, 2]);
  expect(removed['inventory.1.what']).toEqual(['Lamps']);
  expect(removed['inventory.0.what']).toEqual(['Chairs']);
  // A row inside a row: the strategies of the second objective.
  expect(listAt(gateForm('circular-ambitions'), 'objectives.1.strategies')?.list.kind).toBe('list');
});

test('a refusal naming a field lands beside it; any other reason at the top', () => {
  const known = (path: string) => ['awardCriteria', 'priceOnlyReason'].includes(path);
  const named = problemsOfRefusal(
    { reason: 'awardCriteria: weights must sum to 100 (they sum to 90)' },
    known,
    'nl',
  );
  expect(named.byField.get('awardCriteria')).toEqual(['weights must sum to 100 (they sum to 90)']);
  const general = problemsOfRefusal(
    { reason: 'the project waits for the award, not the tender documents' },
    known,
    'nl',
  );
  expect(general.general).toEqual(['the project waits for the award, not the tender documents']);
  expect(general.byField.size).toBe(0);
});

test("a refusal with its rules lands beside each rule's field, in the reader's language", () => {
  const known = (path: string) => path === 'contractEnd';
  const refusal = {
    reason: 'contractEnd: the contract must end in the future',
    problems: [ruleProblem('award.end-not-future', {}, 'contractEnd'), ruleProblem('round.none-open', {})],
  };
  const dutch = problemsOfRefusal(refusal, known, 'nl');
  expect(dutch.byField.get('contractEnd')).toEqual(['Kies een einddatum van de opdracht in de toekomst.']);
  expect(dutch.general).toEqual(['Voor dit project loopt geen goedkeuringsronde.']);
  const english = problemsOfRefusal(refusal, known, 'en');
  expect(english.byField.get('contractEnd')).toEqual(['the contract must end in the future']);
});

test('a rule’s choice values read as the form names them, not as ids', () => {
  const objectives = catalogue.ambition_objectives.items;
  const words = (id: string) => label(objectives, id, 'nl');
  expect(words('extend-lifetime')).not.toBe('extend-lifetime');
  const refusal = {
    reason: 'awardCriteria.0.serves.0: …',
    problems: [
      ruleProblem(
        'tender.objective-not-chosen',
        { objective: 'reduce-virgin-input', objectives: 'extend-lifetime, enable-reuse' },
        'awardCriteria.0.serves.0',
      ),
    ],
  };
  const dutch = problemsOfRefusal(refusal, () => false, 'nl');
  expect(dutch.general).toEqual([
    `awardCriteria.0.serves.0: ${words('reduce-virgin-input')} is geen doelstelling van stap 2 (${words('extend-lifetime')}, ${words('enable-reuse')}).`,
  ]);
});

test('a field with a problem is marked invalid and described by the problem and its group rule', () => {
  const form = gateForm('tender-documents');
  const state = stateOfBody({ 'awardCriteria.0.weight': '60', 'awardCriteria.1.weight': '30' });
  const problems = noProblems();
  problems.byField.set('awardCriteria', ['weights must sum to 100 (they sum to 90)']);
  const html = renderNode(form, { form: 'tender-documents', locale: 'en', state, problems }).html;
  expect(html).toContain(
    'id="f-awardCriteria" aria-invalid="true" aria-describedby="f-awardCriteria-rule f-awardCriteria-problem"',
  );
  expect(html).toContain('Sum of the weights: 90 of 100.');
  expect(html).toContain('The weights add up to 100.');
  expect(html).toContain('name="_action" value="add:awardCriteria"');
  expect(html).toContain('name="_action" value="remove:awardCriteria.1"');
});

test('a row left blank is no row: an optional list stays absent, a required one is empty for the schema to refuse', () => {
  const form = gateForm('market-dialogue');
  const blank = stateOfBody({
    mode: 'dialogue',
    'objectiveAdjustments.0.objectiveId': 'extend-lifetime',
    'objectiveAdjustments.0.strategies.0': '',
    'objectiveAdjustments.0.reason': 'The market offers longer warranties',
    'suppliers.0.name': '',
  });
  const parsed = parseForm(form, blank) as {
    objectiveAdjustments: { strategies?: string[] }[];
    suppliers: unknown[];
  };
  expect(parsed.objectiveAdjustments[0]).not.toHaveProperty('strategies');
  expect(parsed.suppliers).toEqual([]);
});
