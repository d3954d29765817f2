/** The README is the first thing a new user runs from: its commands and its table must be true. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { CONFIG_VARIABLES } from '../../config/config';
import { createProjectRequest } from '../../domain/schemas';
import { problems } from '../helpers/problems';

const ROOT = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const example = parseEnv(readFileSync(path.join(ROOT, '.env.example'), 'utf8'));
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** `| \`NAME\` | default | meaning |` rows of the configuration table. */
const table = new Map(
  [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)`\s*\|\s*(.*?)\s*\|/gm)].map(
    ([, name, cell]) => [name!, cell === '—' ? '' : cell!.replace(/^`|`$/g, '')] as const,
  ),
);

test('the quick start is the two documented commands, and both exist', () => {
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm test');
  expect(scripts.start).toBe('node --import tsx dev/start.ts');
  expect(scripts.test).toBeDefined();
});

test('every npm script the README mentions exists', () => {
  const mentioned = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map(([, name]) => name!);
  expect(mentioned.length).toBeGreaterThan(3);
  expect(mentioned.filter((name) => !(name in scripts))).toEqual([]);
});

test('the configuration table lists every variable with the default of .env.example', () => {
  expect(CONFIG_VARIABLES.filter((name) => !table.has(name))).toEqual([]);
  for (const [name, value] of table) {
    expect(`${name}=${value}`).toBe(`${name}=${example[name] ?? '(not in .env.example)'}`);
  }
});

test("the first project of the README passes the API's checks, so it does not stop at step 2", () => {
  const body = /curl -i -X POST http:\/\/localhost:3000\/api\/projects[\s\S]*?-d '(\{.*\})'/.exec(
    readme,
  )?.[1];
  expect(body).toBeDefined();
  expect(problems(createProjectRequest, JSON.parse(body as string))).toEqual([]);
});
