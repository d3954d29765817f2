/**
 * The workspace's scripts, served from this origin (the CSP allows no other): plain files in
 * presentation/workspace/assets/, read once, cached by the browser for an hour. A name that is not
 * one of those files is a 404; no path from the request ever reaches the file system.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';

const ASSETS = join('presentation', 'workspace', 'assets');
/** From the sources (api/workspace) or the build (dist/api/workspace: the image copies the folder). */
const ASSETS_DIR =
  [join(__dirname, '..', '..', ASSETS), join(__dirname, '..', '..', '..', ASSETS)].find((dir) =>
    existsSync(dir),
  ) ?? join(__dirname, '..', '..', ASSETS);

export function createAssetRouter(): Router {
  const files = new Map(
    readdirSync(ASSETS_DIR)
      .filter((name) => name.endsWith('.js'))
      .map((name) => [name, readFileSync(join(ASSETS_DIR, name))]),
  );
  const router = Router();
  router.get('/work/assets/:name', (req, res, next) => {
    const file = files.get(req.params.name);
    if (!file) return next();
    res
      .type('text/javascript')
      .set({ 'Cache-Control': 'private, max-age=3600', 'Content-Security-Policy': "default-src 'none'" })
      .send(file);
  });
  return router;
}
