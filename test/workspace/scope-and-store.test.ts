/**
 * The pure parts of scoping and sessions: the visibility clause quotes whatever an organisation is
 * called, and the session file survives a restart while holding no usable session id.
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inScope, scopeClause } from '../../api/project-scope';
import { createFileSessionStore } from '../../api/session/store';

test('the scope clause names the organisations and the participant, each quoted', () => {
  expect(scopeClause({ email: 'ans@gent.example', organisations: '*' })).toBeUndefined();
  expect(scopeClause({ email: 'ans@gent.example', organisations: ["Stad 'Gent'", 'OCMW\\Gent'] })).toBe(
    "(Organisation IN ('Stad \\'Gent\\'', 'OCMW\\\\Gent') OR Participants = 'ans@gent.example')",
  );
});

test('a project is in scope by organisation or by a part in it, and by nothing else', () => {
  const caller = { email: 'Pia@Elders.example', organisations: ['Stad A'] };
  expect(inScope(caller, { organisation: 'Stad A' })).toBe(true);
  expect(inScope(caller, { organisation: 'Stad B', participants: ['pia@elders.example'] })).toBe(true);
  expect(inScope(caller, { organisation: 'Stad B', participants: ['someone@else.example'] })).toBe(false);
  expect(inScope(caller, {})).toBe(false);
  expect(inScope({ ...caller, organisations: '*' }, { organisation: 'Stad B' })).toBe(true);
});

test('sessions and used links survive a restart; the file holds digests only, readable by its owner only', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sessions-'));
  const first = createFileSessionStore(dataDir);
  const { id } = first.create({ email: 'ans@gent.example', via: 'link' }, 1_000);
  expect(first.useOnce('link-1', 10_000, 1_000)).toBe(true);

  const file = path.join(dataDir, 'sessions.json');
  expect(await readFile(file, 'utf8')).not.toContain(id);
  expect((await stat(file)).mode & 0o777).toBe(0o600);

  const second = createFileSessionStore(dataDir);
  expect(second.get(id)?.email).toBe('ans@gent.example');
  expect(second.wasUsed('link-1', 2_000)).toBe(true);
  expect(second.useOnce('link-1', 10_000, 2_000)).toBe(false);
  second.delete(id);
  expect(createFileSessionStore(dataDir).get(id)).toBeUndefined();
});
