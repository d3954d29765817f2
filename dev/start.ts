/**
 * `npm start`: the whole product on one machine. A Temporal dev server with a persistent SQLite
 * file (unless TEMPORAL_ADDRESS points at a cluster), a local SMTP capture with an outbox page
 * (unless SMTP is configured), the worker and the API in this process. Ctrl-C stops all of it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { startApi } from '../api/main';
import { type AppConfig, ConfigError, loadConfig } from '../config/config';
import { type Logger, createLogger } from '../config/logger';
import { SEARCH_ATTRIBUTE_CLI_TYPES } from '../domain/search-attributes';
import { workflowIdFor } from '../domain/project';
import { installRuntime, startWorker } from '../worker/main';
import { DEMO_PERSON, ensureDevSecrets, loadDotEnv, officerKey, withDevDefaults } from './dev-env';
import { type MailCapture, startMailCapture } from './mail-capture';
import { resolveTemporalBinaryPath } from './temporal-binaries';

/** A fresh SQLite file takes a few seconds; a slow CI machine more. */
const TEMPORAL_READY_TIMEOUT_MS = 60_000;
/** How long the dev server may take to flush SQLite on SIGTERM before it is killed. */
const TEMPORAL_STOP_TIMEOUT_MS = 10_000;

class StartError extends Error {
  override name = 'StartError';
}

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

interface Step {
  name: string;
  stop: () => Promise<void>;
}

/** Relative to the working directory when inside it (".data/dev-secrets.json"), absolute otherwise. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// Embedded Temporal dev server

interface DevServer {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
}

/** The server's last words in this run (the log is appended to across starts). */
function tail(file: string, from: number, lines = 3): string {
  try {
    return readFileSync(file)
      .subarray(from)
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim())
      .slice(-lines)
      .join('\n');
  } catch {
    return '';
  }
}

/** The pid of a dev server an earlier `npm start` left behind (killed hard), if it still runs. */
async function leftoverDevServer(pidFile: string): Promise<number | undefined> {
  const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => 'start-dev');
  return commandLine.includes('start-dev') ? pid : undefined;
}

async function startTemporalDevServer(config: AppConfig, dataDir: string): Promise<DevServer> {
  const cli = await resolveTemporalBinaryPath('cli', { log: (line) => say(`[temporal] ${line}`) });
  const { port, uiPort } = config.embeddedTemporal;
  const logFile = path.join(dataDir, 'temporal.log');
  const pidFile = path.join(dataDir, 'temporal.pid');
  const leftover = await leftoverDevServer(pidFile);
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(dataDir, 'temporal.db'),
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--namespace',
    config.temporal.namespace,
    ...Object.entries(SEARCH_ATTRIBUTE_CLI_TYPES).flatMap(([name, type]) => [
      '--search-attribute',
      `${name}=${type}`,
    ]),
    '--log-level',
    'warn',
  ];
  const fd = openSync(logFile, 'a');
  writeSync(fd, `\n--- ${new Date().toISOString()} ${cli} ${args.join(' ')}\n`);
  const logOffset = fstatSync(fd).size;
  // Its own process group: Ctrl-C in the terminal reaches only us, so the worker and the API
  // stop before the server they talk to.
  const child = spawn(cli, args, { stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  // Whatever ends this process (even an uncaught error), the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  if (child.pid) await writeFile(pidFile, String(child.pid));

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(TEMPORAL_STOP_TIMEOUT_MS)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await rm(pidFile, { force: true });
  };

  const address = config.temporal.address;
  const deadline = Date.now() + TEMPORAL_READY_TIMEOUT_MS;
  for (;;) {
    const attempt = (async () => {
      const connection = await Connection.connect({ address, connectTimeout: '2s' });
      try {
        // Answers once the namespace (and its search attributes) exist, not merely the port.
        await connection.workflowService.describeNamespace({ namespace: config.temporal.namespace });
      } finally {
        await connection.close();
      }
      return 'ready' as const;
    })().catch(() => 'retry' as const);
    const outcome = await Promise.race([
      attempt,
      exited.then(() => 'exited' as const),
      spawnError.then((error) => error),
    ]);
    if (outcome === 'ready') return { child, exited, stop };
    if (outcome instanceof Error) {
      process.removeListener('exit', killOnExit);
      throw new StartError(`Could not run the Temporal CLI at ${cli}: ${outcome.message}`);
    }
    if (outcome === 'exited') {
      process.removeListener('exit', killOnExit);
      await rm(pidFile, { force: true });
      const lastLines = tail(logFile, logOffset);
      const inUse = /address already in use/i.test(lastLines);
      throw new StartError(
        [
          inUse
            ? `The Temporal dev server could not start: a port is already in use (gRPC ${port}, Web UI ${uiPort}).`
            : `The Temporal dev server stopped before it was ready (see ${logFile}).`,
          ...(lastLines ? [`  ${lastLines.split('\n').join('\n  ')}`] : []),
          ...(leftover
            ? [
                `A dev server from an earlier npm start still runs (pid ${leftover}): stop it with "kill ${leftover}".`,
              ]
            : []),
          ...(inUse
            ? [
                'Stop the program that holds the port, choose other ports with TEMPORAL_PORT / TEMPORAL_UI_PORT,',
                `or use a Temporal server that already runs there with TEMPORAL_ADDRESS=localhost:${port}.`,
              ]
            : []),
        ].join('\n'),
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new StartError(
        `The Temporal dev server did not answer at ${address} within ${TEMPORAL_READY_TIMEOUT_MS / 1000} s (see ${logFile}).`,
      );
    }
    await sleep(250);
  }
}

/** Names the variable to change when a port is taken, instead of a bare EADDRINUSE. */
function explainListenError(error: unknown, what: string, variable: string, port: number): never {
  const listenError = error as NodeJS.ErrnoException & { port?: number };
  if (listenError.code === 'EADDRINUSE') {
    throw new StartError(
      `${what} cannot listen on port ${listenError.port ?? port}: it is in use. Choose another with ${variable}.`,
    );
  }
  throw error;
}

// ---------------------------------------------------------------------------------------------

function banner(options: {
  config: AppConfig;
  capture?: MailCapture;
  apiKey?: string;
  apiKeyNote: string;
  secondsToReady: string;
}): string {
  const { config, capture, apiKey } = options;
  const api = config.api.publicBaseUrl;
  const ui = config.temporal.embedded
    ? `http://localhost:${config.embeddedTemporal.uiPort}/namespaces/${config.temporal.namespace}/workflows`
    : `(your Temporal UI for ${config.temporal.address}, namespace ${config.temporal.namespace})`;
  const outbox = capture?.webPort
    ? `http://localhost:${capture.webPort}`
    : `(mail goes to ${config.smtp?.host ?? config.smtp?.url ?? 'the configured SMTP server'})`;
  const body = JSON.stringify({
    id: 'office-chairs-2026',
    title: 'Office chairs',
    organisation: 'Stad Gent',
    productGroup: 'office-furniture',
    requester: { name: 'Ans Peeters', email: 'ans.peeters@gent.example' },
    approvers: [
      { name: 'Bram De Smet', email: 'bram.desmet@gent.example', roles: ['internal-client'] },
      { name: 'Chloé Martin', email: 'chloe.martin@gent.example', roles: ['purchasing-team'], locale: 'en' },
      // Step 2's gate asks management (or the CSR manager) until step 2 names the internal actors.
      { name: 'Dirk Janssens', email: 'dirk.janssens@gent.example', roles: ['management'] },
    ],
  });
  const curl = [
    `curl -i -X POST ${api}/api/projects`,
    `-H 'Authorization: Bearer ${apiKey ?? '<your API key>'}'`,
    `-H 'Content-Type: application/json'`,
    `-d '${body}'`,
  ].join(' \\\n    ');
  return [
    '',
    'Circular Procurement Orchestrator',
    `  API          ${api}`,
    `  OpenAPI      ${api}/api/openapi.json`,
    `  Temporal UI  ${ui}`,
    `  Outbox       ${outbox}`,
    `  API key      ${apiKey ?? '(from API_KEYS)'}  ${options.apiKeyNote}`,
    `  Workspace    ${api}/sign-in  (${
      config.workspace.people.some((person) => person.email === DEMO_PERSON.email)
        ? `sign in as ${DEMO_PERSON.email}; the link arrives in the outbox`
        : 'for the people of PEOPLE'
    })`,
    '',
    'Create a first project:',
    `  ${curl}`,
    `then follow it at ${api}/api/projects/office-chairs-2026${
      config.temporal.embedded
        ? ` or in the Temporal UI: http://localhost:${config.embeddedTemporal.uiPort}/namespaces/${config.temporal.namespace}/workflows/${workflowIdFor('office-chairs-2026')}`
        : ''
    }`,
    'Or run "npm run demo" in another terminal for a guided first approval.',
    '',
    `ready in ${options.secondsToReady} s — Ctrl-C stops everything`,
  ].join('\n');
}

async function main(): Promise<void> {
  const dotEnv = loadDotEnv();
  // The user's own settings are checked before anything is generated or started.
  const userConfig = loadConfig(withDevDefaults(process.env));
  const dataDir = path.resolve(userConfig.dataDir);
  await mkdir(dataDir, { recursive: true });

  const needApiKeys = !process.env.API_KEYS;
  const { secrets, file: secretsFile } = await ensureDevSecrets(dataDir, {
    apiKeys: needApiKeys,
    linkSigningKeys: !process.env.LINK_SIGNING_KEYS,
  });
  const config = loadConfig(
    withDevDefaults({
      ...process.env,
      ...(needApiKeys && secrets.apiKeys ? { API_KEYS: JSON.stringify(secrets.apiKeys) } : {}),
      // Without a people directory, the demo officer may sign in to the workspace.
      ...(process.env.PEOPLE ? {} : { PEOPLE: JSON.stringify([DEMO_PERSON]) }),
      ...(!process.env.LINK_SIGNING_KEYS && secrets.linkSigningKeys
        ? { LINK_SIGNING_KEYS: JSON.stringify(secrets.linkSigningKeys) }
        : {}),
    }),
  );
  const logger: Logger = createLogger(config.logLevel, { service: 'dev' });
  if (dotEnv === 'unsupported') logger.warn('this Node version cannot read .env (needs >= 20.12): ignored');

  const steps: Step[] = [];
  let stopping: Promise<void> | undefined;
  let firstSignalAt = 0;
  const shutdown = (reason: string, exitCode: number): Promise<void> => {
    stopping ??= (async () => {
      logger.info('stopping', { reason });
      for (const step of [...steps].reverse()) {
        try {
          await step.stop();
        } catch (error) {
          logger.error(`could not stop the ${step.name} cleanly`, { error });
        }
      }
      say(`stopped (${reason})`);
      process.exit(exitCode);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // A second Ctrl-C a moment later means "now": the dev server must not survive it either.
      if (stopping && Date.now() - firstSignalAt > 2000) {
        say('forced stop');
        process.exit(130);
      }
      firstSignalAt ||= Date.now();
      void shutdown(signal, 0);
    });
  }

  try {
    if (config.temporal.embedded) {
      const server = await startTemporalDevServer(config, dataDir);
      steps.push({ name: 'Temporal dev server', stop: server.stop });
      void server.exited.then(({ code, signal }) => {
        if (!stopping) {
          logger.error('the Temporal dev server stopped unexpectedly', {
            code,
            signal,
            log: path.join(dataDir, 'temporal.log'),
          });
          void shutdown('Temporal dev server stopped', 1);
        }
      });
    }

    let capture: MailCapture | undefined;
    let workerConfig = config;
    if (!config.smtp) {
      capture = await startMailCapture({
        smtpPort: config.mail.captureSmtpPort,
        webPort: config.mail.captureWebPort,
        storeFile: path.join(dataDir, 'outbox.jsonl'),
        linkBase: config.api.publicBaseUrl,
      }).catch((error: unknown) =>
        explainListenError(
          error,
          'The mail capture',
          'MAIL_CAPTURE_SMTP_PORT / MAIL_CAPTURE_WEB_PORT',
          config.mail.captureSmtpPort,
        ),
      );
      const mail = capture;
      steps.push({ name: 'mail capture', stop: () => mail.stop() });
      workerConfig = { ...config, smtp: { host: '127.0.0.1', port: mail.smtpPort, secure: false } };
    }

    // The SDK's info lines (webpack stats, worker state changes) would bury the banner; they
    // still show with LOG_LEVEL=debug.
    const sdkLogger: Logger = { ...logger, info: (message, fields) => logger.debug(message, fields) };
    installRuntime(config, sdkLogger, { shutdownSignals: [] });
    const { worker, running } = await startWorker(workerConfig, logger.child({ service: 'worker' }));
    steps.push({
      name: 'worker',
      stop: async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      },
    });
    running.catch((error: unknown) => {
      if (stopping) return;
      logger.error('the worker failed', { error });
      void shutdown('worker failed', 1);
    });

    // The API mails sign-in links: to the capture too when it runs.
    const api = await startApi(workerConfig, logger.child({ service: 'api' })).catch((error: unknown) =>
      explainListenError(error, 'The API', 'API_PORT', config.api.port),
    );
    steps.push({ name: 'API', stop: api.close });

    const key = needApiKeys ? officerKey(config.apiKeys) : undefined;
    say(
      banner({
        config,
        ...(capture ? { capture } : {}),
        ...(key ? { apiKey: key.key } : {}),
        apiKeyNote: key ? `(${key.name}, ${key.email}; kept in ${displayPath(secretsFile)})` : '',
        // Since this process started, module loading included: what the user waits for.
        secondsToReady: (performance.now() / 1000).toFixed(1),
      }),
    );
  } catch (error) {
    report(error);
    await shutdown('start-up failed', 1);
  }
}

function report(error: unknown): void {
  if (error instanceof ConfigError || error instanceof StartError) console.error(`\n${error.message}\n`);
  else console.error(error);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    report(error);
    process.exit(1);
  });
}
