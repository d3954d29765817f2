/**
 * .env.example is the documentation of every setting: each variable the config module reads is
 * listed, and each value written there is the default (writing it changes nothing).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { CONFIG_VARIABLES, envSchema, loadConfig } from '../../config/config';
import { BINARY_PINS } from '../../dev/temporal-binaries';

const text = readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8');
const example = parseEnv(text);
const binaryOverrides = Object.values(BINARY_PINS).map((pin) => pin.envVar);

test('every variable of the config module is listed in .env.example', () => {
  const missing = CONFIG_VARIABLES.filter((name) => !(name in example));
  expect(missing).toEqual([]);
});

test('.env.example lists nothing the code does not read', () => {
  const unknown = Object.keys(example).filter(
    (name) => !(CONFIG_VARIABLES as string[]).includes(name) && !binaryOverrides.includes(name),
  );
  expect(unknown).toEqual([]);
});

test('every variable with a default has that default written out', () => {
  const withDefault = CONFIG_VARIABLES.filter((name) => envSchema.shape[name] instanceof z.ZodDefault);
  expect(withDefault.length).toBeGreaterThan(10);
  expect(withDefault.filter((name) => !example[name])).toEqual([]);
});

test.each(CONFIG_VARIABLES)('%s in .env.example equals what loadConfig uses when it is absent', (name) => {
  const written = example[name] ?? '';
  expect(loadConfig({ [name]: written })).toEqual(loadConfig({}));
});

test('the whole file, loaded as it is, gives the default configuration', () => {
  expect(loadConfig({ ...example })).toEqual(loadConfig({}));
});

test('each variable is introduced with a comment in its group', () => {
  // A line "NAME=" must be preceded (possibly through other assignments) by a "# ---" group header.
  const firstHeader = text.indexOf('# ---');
  const firstAssignment = text.search(/^[A-Z_]+=/m);
  expect(firstHeader).toBeGreaterThan(-1);
  expect(firstHeader).toBeLessThan(firstAssignment);
});
