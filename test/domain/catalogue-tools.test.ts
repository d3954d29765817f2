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
