/** The document store the configuration asks for (DOCUMENTS_STORE). */
import type { DocumentsConfig } from '../config/config';
import { type DocumentStore, type VirusScanner, createDocumentStore } from './document-store';
import { createLocalBackend } from './local-backend';
import { createS3Backend } from './s3-backend';

export function documentStoreFromConfig(config: DocumentsConfig, scanner?: VirusScanner): DocumentStore {
  const backend =
    config.store.kind === 's3' ? createS3Backend(config.store) : createLocalBackend(config.store.dir);
  return createDocumentStore({
    backend,
    maxBytes: config.maxBytes,
    allowedTypes: config.allowedTypes,
    ...(scanner ? { scanner } : {}),
  });
}

export {
  type DocumentStore,
  type ScanSubject,
  type ScanVerdict,
  type VirusScanner,
  DocumentDamaged,
  DocumentRejected,
  noVirusScan,
} from './document-store';
