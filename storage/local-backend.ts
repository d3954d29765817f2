/**
 * Blobs as files under one folder (DATA_DIR/documents by default). A put writes a temporary file
 * in the same folder tree and renames it into place, so a reader never sees half a file and a
 * crash leaves at most a stray temporary file, never a damaged document.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobBackend } from './backend';

const SPOOL = '.incoming';

export function createLocalBackend(root: string): BlobBackend {
  const absoluteRoot = path.resolve(root);
  const fileOf = (key: string) => {
    const file = path.resolve(absoluteRoot, key);
    // Keys are built from validated ids; this only makes sure no key can leave the root.
    if (!file.startsWith(absoluteRoot + path.sep)) throw new Error(`key outside the store: ${key}`);
    return file;
  };
  const spoolDir = async () => {
    const dir = path.join(absoluteRoot, SPOOL);
    await mkdir(dir, { recursive: true });
    return dir;
  };

  return {
    description: `local files in ${absoluteRoot}`,
    spoolDir,
    async putFile(key, file) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(file, target);
    },
    async putBytes(key, bytes) {
      const temporary = path.join(await spoolDir(), randomUUID());
      await writeFile(temporary, bytes);
      await this.putFile(key, temporary, '');
    },
    async read(key) {
      try {
        const handle = await open(fileOf(key), 'r');
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async list(prefix) {
      try {
        const names = await readdir(fileOf(prefix));
        return names.map((name) => `${prefix}${name}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}
