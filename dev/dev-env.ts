/**
 * What `npm start` and `npm run demo` share: the optional `.env` file, the generated dev secrets
 * and the defaults that only make sense on a developer's machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiKeyEntry, SigningKey } from '../config/config';

/** Loads `.env` into process.env; variables already set in the shell win (Node's own rule). */
export function loadDotEnv(file = path.resolve('.env')): 'loaded' | 'absent' | 'unsupported' {
  // process.loadEnvFile arrived in Node 20.12; the engines field allows 20.3.
  if (typeof process.loadEnvFile !== 'function') return 'unsupported';
  try {
    process.loadEnvFile(file);
    return 'loaded';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
}

const unset = (value: string | undefined): boolean => value === undefined || value === '';

/**
 * Links in mails must point at the API that actually listens: on a developer's machine an
 * unset PUBLIC_BASE_URL follows API_PORT instead of staying at :3000.
 */
export function withDevDefaults(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!unset(env.PUBLIC_BASE_URL) || unset(env.API_PORT)) return env;
  return { ...env, PUBLIC_BASE_URL: `http://localhost:${env.API_PORT}` };
}

export const DEV_SECRETS_FILE_NAME = 'dev-secrets.json';

export interface DevSecrets {
  apiKeys?: ApiKeyEntry[];
  linkSigningKeys?: SigningKey[];
}

export const DEMO_OFFICER = {
  name: 'Demo Officer',
  email: 'officer@circular-procurement.local',
  roles: ['officer', 'operator'] as ApiKeyEntry['roles'],
  // An operator on a developer's machine: every organisation's projects.
  organisations: '*' as ApiKeyEntry['organisations'],
};

/** The demo officer in the people directory, so `npm start` can sign in to the workspace. */
export const DEMO_PERSON = {
  email: DEMO_OFFICER.email,
  name: DEMO_OFFICER.name,
  organisations: DEMO_OFFICER.organisations,
  roles: DEMO_OFFICER.roles,
};

export function devSecretsFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), DEV_SECRETS_FILE_NAME);
}

export async function readDevSecrets(dataDir: string): Promise<DevSecrets | undefined> {
  const file = devSecretsFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as DevSecrets;
  } catch {
    throw new Error(`${file} is not valid JSON: fix it or delete it (new dev secrets are generated)`);
  }
}

/**
 * Generates whatever secret the environment leaves unset, once, and keeps it in the data folder:
 * links already mailed keep verifying and the printed API key stays the same across restarts.
 */
export async function ensureDevSecrets(
  dataDir: string,
  need: { apiKeys: boolean; linkSigningKeys: boolean },
): Promise<{ secrets: DevSecrets; file: string; generated: string[] }> {
  const file = devSecretsFile(dataDir);
  const secrets: DevSecrets = (await readDevSecrets(dataDir)) ?? {};
  const generated: string[] = [];
  // Keys generated before keys named their organisations: the demo officer's key sees all, as it did.
  const unscoped = secrets.apiKeys?.filter((entry) => entry.organisations === undefined) ?? [];
  for (const entry of unscoped) entry.organisations = DEMO_OFFICER.organisations;
  if (unscoped.length > 0) generated.push('API_KEYS organisations');
  if (need.apiKeys && !secrets.apiKeys?.length) {
    secrets.apiKeys = [{ key: `dev-${randomBytes(24).toString('base64url')}`, ...DEMO_OFFICER }];
    generated.push('API_KEYS');
  }
  if (need.linkSigningKeys && !secrets.linkSigningKeys?.length) {
    secrets.linkSigningKeys = [{ id: 'dev1', secret: randomBytes(32).toString('base64url') }];
    generated.push('LINK_SIGNING_KEYS');
  }
  if (generated.length > 0) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return { secrets, file, generated };
}

/** The key the demo and the banner use: the first one allowed to create projects. */
export function officerKey(keys: ApiKeyEntry[]): ApiKeyEntry | undefined {
  return keys.find((entry) => entry.roles.includes('officer') || entry.roles.includes('operator'));
}
