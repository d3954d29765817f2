/**
 * The Temporal server as production runs it: frontend, history, matching and worker as four
 * processes of the official server binary, on PostgreSQL persistence and visibility, with the
 * schemas set up by temporal-sql-tool from the module's own schema files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LocalPostgres } from './postgres';
import { POSTGRES_PASSWORD, POSTGRES_USER } from './postgres';
import {
  GiveUp,
  type ManagedProcess,
  acceptsConnections,
  freePort,
  runFile,
  startProcess,
  waitUntil,
} from './processes';
import type { TemporalServerBinaries } from './temporal-server';

export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

interface ServicePorts {
  grpcPort: number;
  /** Stored as SMALLINT in the cluster_membership table: must be below 32768. */
  membershipPort: number;
  httpPort?: number;
}

export const DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' } as const;

/** The server's static config (YAML; JSON is YAML). Every port on loopback, chosen free. */
export function temporalServerConfig(
  postgres: { host: string; port: number },
  ports: Record<TemporalService, ServicePorts>,
  dynamicConfigFile: string,
) {
  const datastore = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${postgres.host}:${postgres.port}`,
      connectProtocol: 'tcp',
      user: POSTGRES_USER,
      password: POSTGRES_PASSWORD,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const frontend = ports.frontend;
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: 4,
      datastores: {
        'postgres-default': datastore(DATABASES.temporal, 20),
        'postgres-visibility': datastore(DATABASES.visibility, 4),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: Object.fromEntries(
      TEMPORAL_SERVICES.map((service) => [service, { rpc: { ...ports[service], bindOnLocalHost: true } }]),
    ),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${frontend.grpcPort}`,
          ...(frontend.httpPort ? { httpAddress: `127.0.0.1:${frontend.httpPort}` } : {}),
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

/** As compose's temporal-schema service: create each database, then bring its schema to the binary's version. */
export async function setupSchemas(
  binaries: TemporalServerBinaries,
  postgres: { host: string; port: number },
): Promise<void> {
  for (const [schema, database] of Object.entries(DATABASES)) {
    const base = [
      '--plugin',
      'postgres12',
      '--ep',
      postgres.host,
      '-p',
      String(postgres.port),
      '-u',
      POSTGRES_USER,
      '--pw',
      POSTGRES_PASSWORD,
      '--db',
      database,
    ];
    const sql = (args: string[]) => runFile(binaries.sqlTool, [...base, ...args], { timeout: 120_000 });
    await sql(['create-database']);
    await sql(['setup-schema', '-v', '0.0']);
    await sql(['update-schema', '-d', path.join(binaries.postgresSchemaDir, schema, 'versioned')]);
  }
}

export interface LocalTemporalCluster {
  /** host:port of the frontend, for TEMPORAL_ADDRESS. */
  address: string;
  processes: Record<TemporalService, ManagedProcess>;
  /** Starts a service again (after a kill) and waits until it listens. */
  restart(service: TemporalService): Promise<void>;
  stop(): Promise<void>;
}

export async function startTemporalServices(
  binaries: TemporalServerBinaries,
  postgres: LocalPostgres,
  workDir: string,
): Promise<LocalTemporalCluster> {
  await mkdir(workDir, { recursive: true });
  const ports = {} as Record<TemporalService, ServicePorts>;
  for (const service of TEMPORAL_SERVICES) {
    ports[service] = { grpcPort: await freePort(), membershipPort: await freePort() };
  }
  ports.frontend.httpPort = await freePort();
  const dynamicConfigFile = path.join(workDir, 'dynamicconfig.yaml');
  // Search attributes registered by the setup are usable at once, not after a cache refresh.
  await writeFile(
    dynamicConfigFile,
    'system.forceSearchAttributesCacheRefreshOnRead:\n  - value: true\n    constraints: {}\n',
  );
  const configFile = path.join(workDir, 'temporal.yaml');
  await writeFile(
    configFile,
    JSON.stringify(temporalServerConfig(postgres, ports, dynamicConfigFile), null, 2),
  );

  const start = (service: TemporalService) =>
    startProcess({
      name: `temporal-${service}`,
      command: binaries.server,
      args: ['--config-file', configFile, '--allow-no-auth', 'start', '--service', service],
      logFile: path.join(workDir, `${service}.log`),
      cwd: workDir,
    });
  const processes = {} as Record<TemporalService, ManagedProcess>;

  const listening = (service: TemporalService) =>
    waitUntil(
      `Temporal ${service} listens on ${ports[service].grpcPort}`,
      async () => {
        const running = processes[service];
        if (!running.isRunning()) throw new GiveUp(`it exited:\n${await running.logTail()}`);
        return acceptsConnections(ports[service].grpcPort);
      },
      { timeoutMs: 90_000 },
    );
  const stop = async () => {
    await Promise.all(Object.values(processes).map((running) => running.stop(20_000)));
  };
  try {
    // The first process on a new database writes the cluster metadata; processes that start at
    // the same moment race to insert it and the losers exit (duplicate key). Frontend goes first.
    processes.frontend = start('frontend');
    await listening('frontend');
    const others = TEMPORAL_SERVICES.filter((service) => service !== 'frontend');
    for (const service of others) processes[service] = start(service);
    await Promise.all(others.map(listening));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    address: `127.0.0.1:${ports.frontend.grpcPort}`,
    processes,
    async restart(service) {
      await processes[service].stop();
      processes[service] = start(service);
      await listening(service);
    },
    stop,
  };
}
