/**
 * Bearer API keys for the management API. The config maps each key to a person and roles; keys are
 * compared as SHA-256 digests in constant time, so neither timing nor a log line reveals one.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { ApiKeyEntry, OrganisationScope } from '../config/config';
import { HttpError } from './errors';

export type Role = ApiKeyEntry['roles'][number];

export interface Principal {
  name: string;
  email: string;
  roles: Role[];
  /** Whose projects this caller sees besides the ones they have a part in (api/project-scope.ts). */
  organisations: OrganisationScope;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function createAuthenticator(keys: ApiKeyEntry[]): RequestHandler {
  const known = keys.map((entry) => ({
    digest: digest(entry.key),
    principal: {
      name: entry.name,
      email: entry.email,
      roles: entry.roles,
      organisations: entry.organisations,
    },
  }));
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      res.set('WWW-Authenticate', 'Bearer realm="circular-procurement"');
      next(new HttpError(401, 'send an API key as "Authorization: Bearer <key>"'));
      return;
    }
    const presented = digest(match[1]);
    // Compare with every key, without stopping early, so timing says nothing about which matched.
    let principal: Principal | undefined;
    for (const entry of known) if (timingSafeEqual(entry.digest, presented)) principal = entry.principal;
    if (!principal) {
      res.set('WWW-Authenticate', 'Bearer realm="circular-procurement", error="invalid_token"');
      next(new HttpError(401, 'unknown API key'));
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** Any of the roles will do. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (!principal.roles.some((role) => roles.includes(role))) {
      next(new HttpError(403, `this needs one of the roles ${roles.join(', ')}`));
      return;
    }
    next();
  };
}
