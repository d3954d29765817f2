/**
 * Makes a Temporal cluster ready for the project: waits until the frontend serves, creates the
 * namespace (TEMPORAL_NAMESPACE) when it is missing, and registers the search attributes of
 * domain/search-attributes.ts that are missing. Safe to run again (it only adds what is missing, and
 * fails when a name exists with another type).
 *
 * The one script for every self-managed cluster: docker compose's `temporal-setup` service runs it
 * (`node dist/dev/cluster/setup-namespace.js`), and so does the cluster test. It reads
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and the TLS / API-key variables like the worker and the API.
 */
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { GrpcCode, grpcCode } from '../../api/temporal-calls';
import { loadConfig } from '../../config/config';
import { connectionSettings } from '../../config/temporal';
import { PROCUREMENT_SEARCH_ATTRIBUTES } from '../../domain/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;
const ALREADY_EXISTS = 6;

/** The SDK's search attribute types as the server's indexed value types. */
const INDEXED_TYPES: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export interface SetupNamespaceOptions {
  /** How long to wait for the cluster to come up (compose starts this beside the server). */
  timeoutMs?: number;
  retentionDays?: number;
  log?: (line: string) => void;
}

async function retry<T>(what: string, deadline: number, attempt: () => Promise<T>): Promise<T> {
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await attempt();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  throw new Error(`${what}: gave up${last instanceof Error ? ` (${last.message})` : ''}`);
}

export async function setupNamespace(
  env: NodeJS.ProcessEnv = process.env,
  { timeoutMs = 120_000, retentionDays = 30, log = console.log }: SetupNamespaceOptions = {},
): Promise<void> {
  const config = loadConfig(env);
  const { namespace, address } = config.temporal;
  const deadline = Date.now() + timeoutMs;
  const settings = await connectionSettings(config.temporal);
  const connection = await retry(`connect to Temporal at ${address}`, deadline, async () => {
    const connected = await Connection.connect({ ...settings, connectTimeout: '5s' });
    try {
      // The frontend answers before history and matching have joined; this call needs both.
      await connected.workflowService.getSystemInfo({});
      await connected.workflowService.listNamespaces({ pageSize: 1 });
      return connected;
    } catch (error) {
      await connected.close();
      throw error;
    }
  });
  try {
    const service = connection.workflowService;
    const exists = await service.describeNamespace({ namespace }).then(
      () => true,
      (error: unknown) => {
        if (grpcCode(error) === GrpcCode.NOT_FOUND) return false;
        throw error;
      },
    );
    if (exists) {
      log(`namespace ${namespace} exists`);
    } else {
      await service
        .registerNamespace({
          namespace,
          workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
        })
        .catch((error: unknown) => {
          // Two setups at once: the other one won.
          if (grpcCode(error) !== ALREADY_EXISTS) throw error;
        });
      log(`namespace ${namespace} created (retention ${retentionDays} days)`);
    }

    // The namespace reaches the other services' caches within seconds; until then this fails.
    const registered = await retry(`list search attributes of ${namespace}`, deadline, () =>
      connection.operatorService.listSearchAttributes({ namespace }),
    );
    const existing = registered.customAttributes ?? {};
    const missing: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
    for (const key of PROCUREMENT_SEARCH_ATTRIBUTES) {
      const wanted = INDEXED_TYPES[key.type];
      const current = existing[key.name];
      if (current === undefined) missing[key.name] = wanted;
      else if (current !== wanted)
        throw new Error(
          `search attribute ${key.name} exists as ${IndexedValueType[current]}, the project needs ${key.type}`,
        );
      else log(`search attribute ${key.name} exists`);
    }
    if (Object.keys(missing).length > 0) {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
      log(`search attributes registered: ${Object.keys(missing).join(', ')}`);
    }
    // Ready means usable: every attribute is listed (the frontend reads through its cache).
    await retry(`search attributes of ${namespace} listed`, deadline, async () => {
      const now = await connection.operatorService.listSearchAttributes({ namespace });
      const absent = PROCUREMENT_SEARCH_ATTRIBUTES.filter((key) => !now.customAttributes?.[key.name]);
      if (absent.length > 0) throw new Error(`missing ${absent.map((key) => key.name).join(', ')}`);
    });
    log(`Temporal at ${address} is ready for namespace ${namespace}`);
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  setupNamespace().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
