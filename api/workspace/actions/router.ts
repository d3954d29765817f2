/**
 * The workspace's action pages, one small page and POST per action on a project: deciding and
 * delegating, the contract's review, amendment, end of use and cancelling, approval settings and
 * resending a decision link. Mounted before the project page (its /work/projects/:id).
 */
import { Router } from 'express';
import type { WorkspaceDependencies } from '../context';
import { mountContractActions } from './contract';
import { mountDecisionActions } from './decision';
import { mountSettingsActions } from './settings';
import { mountUseActions } from './use';

export function createActionRouter(dependencies: WorkspaceDependencies): Router {
  const router = Router();
  mountDecisionActions(router, dependencies);
  mountContractActions(router, dependencies);
  mountSettingsActions(router, dependencies);
  mountUseActions(router, dependencies);
  return router;
}
