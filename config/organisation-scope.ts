/**
 * The organisations whose projects an API key or a person who signs in sees: a list of names as the
 * projects carry them, or `"*"` for every organisation. Required wherever it appears, so that no one
 * sees everything by omission.
 */
import { z } from 'zod';

export const organisationScope = z.union([
  z.literal('*'),
  z.array(z.string().trim().min(1).max(200)).min(1, 'list at least one organisation, or "*" for all'),
]);
export type OrganisationScope = z.infer<typeof organisationScope>;
