/**
 * The settings of the officer's workspace in the browser: who may sign in (the people directory),
 * how long a sign-in link and a session last, and the organisation's OpenID Connect provider.
 * Part of config/config.ts's environment schema; kept apart so that module stays one concern.
 */
import { z } from 'zod';
import { LOCALES } from '../domain/catalogue';
import { timeZone } from '../domain/schemas/common';
import { organisationScope } from './organisation-scope';

const person = z.object({
  email: z.email().transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  organisations: organisationScope,
  roles: z.array(z.enum(['officer', 'operator', 'viewer'])).min(1),
  locale: z.enum(LOCALES).optional(),
  timeZone: timeZone.optional(),
});
/** Someone who may sign in to the workspace; what they see and may change follows from it. */
export type DirectoryPerson = z.infer<typeof person>;

/** The environment variables of the workspace (merged into envSchema). */
export const workspaceEnvShape = (json: <T extends z.ZodType>(schema: T) => z.ZodType<z.output<T>>) => ({
  PEOPLE: json(z.array(person)).optional(),
  SIGN_IN_LINK_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
  // Sign-in mails asked for per hour for one address (and ten times that from one client address).
  SIGN_IN_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // My work: contracts ending within this many days, reviews due within this many, changes this recent.
  MY_WORK_CONTRACT_END_LEAD_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  MY_WORK_REVIEW_DUE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  MY_WORK_RECENT_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

export interface WorkspaceConfig {
  people: DirectoryPerson[];
  signInLinkTtlMs: number;
  signInRateLimitPerHour: number;
  session: { idleMs: number; absoluteMs: number };
  /** The horizons of My work's sections, in days. */
  myWork: { contractEndLeadDays: number; reviewDueDays: number; recentDays: number };
  /** The organisation's identity provider; the redirect URI is PUBLIC_BASE_URL + /sign-in/oidc/callback. */
  oidc?: { issuer: string; clientId: string; clientSecret: string };
}

type WorkspaceEnv = z.output<z.ZodObject<ReturnType<typeof workspaceEnvShape>>>;

/** Throws a message naming the variable when the OIDC settings are half there. */
export function workspaceConfig(e: WorkspaceEnv): WorkspaceConfig {
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  const oidcSet = oidcParts.filter((part) => part !== undefined).length;
  if (oidcSet !== 0 && oidcSet !== 3)
    throw new Error('OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET: set all three or none');
  return {
    people: e.PEOPLE ?? [],
    signInLinkTtlMs: e.SIGN_IN_LINK_TTL_MINUTES * 60_000,
    signInRateLimitPerHour: e.SIGN_IN_RATE_LIMIT_PER_HOUR,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    myWork: {
      contractEndLeadDays: e.MY_WORK_CONTRACT_END_LEAD_DAYS,
      reviewDueDays: e.MY_WORK_REVIEW_DUE_DAYS,
      recentDays: e.MY_WORK_RECENT_DAYS,
    },
    ...(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
      ? { oidc: { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET } }
      : {}),
  };
}
