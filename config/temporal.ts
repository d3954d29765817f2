/** Connection options shared by the API's client and the worker, from the parsed config. */
import { readFile } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import type { TemporalConnectionConfig } from './config';

export interface ConnectionSettings {
  address: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer } | true;
  apiKey?: string;
}

export async function connectionSettings(config: TemporalConnectionConfig): Promise<ConnectionSettings> {
  let tls: ConnectionSettings['tls'];
  if (config.tls === true) {
    tls = true;
  } else if (config.tls) {
    const { certPath, keyPath, caPath } = config.tls;
    tls = {
      ...(certPath && keyPath
        ? { clientCertPair: { crt: await readFile(certPath), key: await readFile(keyPath) } }
        : {}),
      ...(caPath ? { serverRootCACertificate: await readFile(caPath) } : {}),
    };
  }
  return {
    address: config.address,
    ...(tls ? { tls } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  };
}

/** A Temporal client for the API and for activities that talk to other workflows. */
export async function connectClient(config: TemporalConnectionConfig): Promise<Client> {
  const connection = await Connection.connect(await connectionSettings(config));
  return new Client({ connection, namespace: config.namespace });
}
