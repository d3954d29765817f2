/**
 * Drafts of gate forms: what one person typed into one gate's form of one project, kept until they
 * submit it. Saved explicitly ("Save draft", and every "Add another" / "Remove", which re-render
 * the form), so a half-filled form survives a reload and a restart of the API. In one JSON file
 * under DATA_DIR (api/json-file.ts), like the sessions: one API process; several instances
 * would share a database table behind this same interface.
 */
import path from 'node:path';
import type { GateId } from '../../domain/catalogue';
import type { FormState } from '../../presentation/forms/form-state';
import { readJsonFile, writeJsonFileAtomically } from '../json-file';

export interface Draft {
  state: FormState;
  savedAt: number;
  /** Documents uploaded to the case file from this form (their SHA-256), sent with the next submission. */
  documents?: string[];
}

export interface DraftKey {
  projectId: string;
  gate: GateId;
  email: string;
}

export interface DraftStore {
  get(key: DraftKey): Draft | undefined;
  save(key: DraftKey, draft: Draft): void;
  /** Forgets the draft (after a submission that was accepted). */
  clear(key: DraftKey): void;
}

const keyOf = ({ projectId, gate, email }: DraftKey) =>
  JSON.stringify([projectId, gate, email.toLowerCase()]);

export function createMemoryDraftStore(
  persist: (drafts: [string, Draft][]) => void = () => undefined,
  initial: [string, Draft][] = [],
): DraftStore {
  const drafts = new Map(initial);
  return {
    get: (key) => drafts.get(keyOf(key)),
    save(key, draft) {
      drafts.set(keyOf(key), draft);
      persist([...drafts]);
    },
    clear(key) {
      if (drafts.delete(keyOf(key))) persist([...drafts]);
    },
  };
}

/** The drafts in DATA_DIR/drafts.json (mode 0600: they hold what people typed). */
export function createFileDraftStore(dataDir: string): DraftStore {
  const file = path.resolve(dataDir, 'drafts.json');
  return createMemoryDraftStore(
    (drafts) => writeJsonFileAtomically(file, drafts),
    readJsonFile<[string, Draft][]>(file) ?? [],
  );
}
