/** The source text's tools and publications, as catalogue data at the step where each helps. */
import { STEP_IDS, catalogue, toolsOfStep } from '../../domain/catalogue';

test('every tool names a step of the process and a source with a link', () => {
  const sources = catalogue.sources as Record<string, { url: string }>;
  for (const tool of catalogue.tools.items) {
    expect(STEP_IDS).toContain(tool.step);
    expect(sources[tool.source]?.url).toMatch(/^https:\/\//);
  }
  const placed = STEP_IDS.flatMap((step) => toolsOfStep(step).map((tool) => tool.id));
  expect(placed.sort()).toEqual(catalogue.tools.items.map((tool) => tool.id).sort());
});

test('the ambition map helps in step 2, in the reader’s language', () => {
  const [map] = toolsOfStep('circular-ambitions');
  expect(map?.label.nl).toContain('ambitiekaart');
  expect(map?.url.nl).toBe('https://aankopen.vlaanderen-circulair.be/nl/aan-de-slag/de-ambitiekaart');
  expect(map?.url.en).toBe('https://aankopen.vlaanderen-circulair.be/en/getting-started/the-ambition-map');
  expect(toolsOfStep('use-and-execution')).toEqual([]);
});

/** The publications the source text names (FIDELITY.md R1–R9), each at the step where it helps. */
test.each([
  ['R1 the 7-steps overview', 'seven-steps-overview', 'circular-need', /7 stappen/],
  ['R2 the ambition map for purchasers', 'ambition-map', 'circular-ambitions', /ambitiekaart voor aankopers/],
  [
    'R2 the ambition map for suppliers',
    'ambition-map-suppliers',
    'market-dialogue',
    /ambitiekaart voor leveranciers/,
  ],
  ['R3 financing', 'financing', 'circular-ambitions', /Financiering/],
  ['R4 the webinar on the procurement law', 'law-webinar', 'specify-and-award', /Webinar/],
  ['R5 criteria sheets per product group', 'criteria-sheets', 'specify-and-award', /per productgroep/],
  ['R6 the EU GPP criteria', 'eu-gpp-criteria', 'specify-and-award', /EU GPP/],
  [
    'R7 the Procurement Transformation Workshop',
    'procurement-transformation-workshop',
    'evaluate',
    /Procurement Transformation Workshop/,
  ],
  [
    'R8 pre-commercial procurement',
    'pre-commercial-procurement',
    'market-dialogue',
    /Pre-commercial procurement/,
  ],
  ['R9 market engagement guides', 'market-engagement-guides', 'market-dialogue', /marktdialoog/],
] as const)('%s is a tool of its step, with a link', (_name, id, step, nl) => {
  const tool = toolsOfStep(step).find((candidate) => candidate.id === id);
  expect(tool?.label.nl).toMatch(nl);
  expect(tool?.label.en.length).toBeGreaterThan(10);
  expect(tool?.url.en).toMatch(/^https:\/\//);
});
