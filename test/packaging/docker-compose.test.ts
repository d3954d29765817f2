/**
 * docker compose cannot run here (no Docker engine), so the file is checked against the code it
 * must agree with: the config module's variables, .env.example's defaults, the namespace setup
 * script and the pinned Temporal server version.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../config/config';
import { TEMPORAL_SERVER_VERSION } from '../../dev/cluster/temporal-server';

const ROOT = path.resolve(__dirname, '../..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service & { volumes?: string[]; configs?: { source: string; target: string }[] }>;
  configs: Record<string, { content?: string }>;
};
const services = compose.services;
const envExample = parseEnv(readFileSync(path.join(ROOT, '.env.example'), 'utf8'));

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** `${NAME:-default}` / `${NAME:?message}` → { name, default } */
function interpolation(value: string): { name: string; fallback?: string } | undefined {
  const match = /^\$\{([A-Z0-9_]+)(?::([-?])(.*))?\}$/s.exec(value);
  if (!match?.[1]) return undefined;
  return { name: match[1], ...(match[2] === '-' ? { fallback: match[3] ?? '' } : {}) };
}

test('the stack has PostgreSQL, Temporal with its setup, the UI, Mailpit, the worker and the API', () => {
  expect(Object.keys(services)).toEqual(
    expect.arrayContaining([
      'postgresql',
      'temporal',
      'temporal-setup',
      'temporal-ui',
      'mailpit',
      'worker',
      'api',
    ]),
  );
});

test('every image is pinned to a version, and the project images are built from the Dockerfile', () => {
  for (const [name, definition] of Object.entries(services)) {
    expect(`${name}: ${definition.image ?? '(no image)'}`).toMatch(/: [^:\s]+:(?!latest)[\w.-]+$/);
  }
  expect(service('worker').build).toBe('.');
  expect(service('api').build).toBe('.');
  expect(service('worker').command).toEqual(['node', 'dist/worker/main.js']);
  expect(service('api').command).toEqual(['node', 'dist/api/main.js']);
});

test('the published ports are the ones the README promises', () => {
  expect(service('temporal').ports).toContain('7233:7233');
  expect(service('temporal-ui').ports).toContain('8080:8080');
  expect(service('mailpit').ports).toEqual(expect.arrayContaining(['1025:1025', '8025:8025']));
  expect(service('api').ports).toContain('3000:3000');
});

test.each(['worker', 'api'])('every variable the %s sets is one the config module reads', (name) => {
  const variables = Object.keys(service(name).environment ?? {});
  expect(variables.length).toBeGreaterThan(5);
  expect(variables.filter((variable) => !(CONFIG_VARIABLES as string[]).includes(variable))).toEqual([]);
});

test.each(['worker', 'api'])(
  'the %s takes values from the same-named variable, with the default .env.example gives',
  (name) => {
    for (const [variable, value] of Object.entries(service(name).environment ?? {})) {
      const reference = interpolation(value);
      if (!reference) continue;
      expect(`${variable} ← ${reference.name}`).toBe(`${variable} ← ${variable}`);
      if (reference.fallback !== undefined) {
        expect(`${variable}=${reference.fallback}`).toBe(`${variable}=${envExample[variable] ?? ''}`);
      }
    }
  },
);

test('the worker and the API reach Temporal, Mailpit and each other through compose service names', () => {
  for (const name of ['worker', 'api']) {
    const environment = service(name).environment ?? {};
    expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(environment.SMTP_HOST).toBe('mailpit');
    expect(environment.SMTP_PORT).toBe('1025');
    // Both must sign and verify links with the same keys and authenticate with the same API keys.
    expect(environment.LINK_SIGNING_KEYS).toMatch(/^\$\{LINK_SIGNING_KEYS:\?/);
    expect(environment.API_KEYS).toMatch(/^\$\{API_KEYS:\?/);
  }
  expect(service('worker').environment?.WORKFLOW_BUNDLE_PATH).toBe('/app/dist/workflow-bundle.js');
  expect(service('worker').depends_on?.['temporal-setup']?.condition).toBe('service_completed_successfully');
  expect(service('api').depends_on?.['temporal-setup']?.condition).toBe('service_completed_successfully');
});

test('the setup runs the one namespace script the cluster test runs, in the namespace the apps use', () => {
  const setup = service('temporal-setup');
  // dev/cluster/setup-namespace.ts registers domain/search-attributes.ts's list; the cluster test
  // (npm run test:cluster) runs the same built file against a real server.
  expect(setup.command).toEqual(['node', 'dist/dev/cluster/setup-namespace.js']);
  expect(setup.build).toBe('.');
  expect(existsSync(path.join(ROOT, 'dev/cluster/setup-namespace.ts'))).toBe(true);
  expect(setup.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  expect(setup.environment?.TEMPORAL_NAMESPACE).toBe(service('api').environment?.TEMPORAL_NAMESPACE);
  expect(setup.environment?.TEMPORAL_NAMESPACE).toBe(service('worker').environment?.TEMPORAL_NAMESPACE);
});

test('compose, the cluster test and the README pin one Temporal server version', () => {
  expect(service('temporal').image).toBe(`temporalio/server:${TEMPORAL_SERVER_VERSION}`);
  expect(service('temporal-schema').image).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`);
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const pinned = [...readme.matchAll(/go\.temporal\.io\/server\/cmd\/[\w/]+@v([\d.]+)/g)].map(([, v]) => v);
  expect(pinned.length).toBeGreaterThan(0);
  expect(new Set(pinned)).toEqual(new Set([TEMPORAL_SERVER_VERSION]));
});

test('Prometheus scrapes the API with the metrics token and the worker on its private metrics port', () => {
  const prometheus = service('prometheus');
  const mounted = compose.services.prometheus?.configs?.find(
    (c) => c.target === '/etc/prometheus/prometheus.yml',
  );
  const config = parse(compose.configs[mounted?.source ?? '']?.content ?? '') as {
    scrape_configs: {
      job_name: string;
      authorization?: { credentials: string };
      static_configs: { targets: string[] }[];
    }[];
  };
  const job = (name: string) => config.scrape_configs.find((j) => j.job_name === name);
  expect(prometheus.ports).toEqual(['9090:9090']);
  expect(job('api')?.static_configs[0]?.targets).toEqual([`api:${service('api').environment?.API_PORT}`]);
  expect(job('api')?.authorization?.credentials).toMatch(/^\$\{METRICS_TOKEN:\?/);
  expect(service('api').environment?.METRICS_TOKEN).toMatch(/^\$\{METRICS_TOKEN:\?/);
  const worker = service('worker').environment ?? {};
  expect(job('worker')?.static_configs[0]?.targets).toEqual([`worker:${worker.WORKER_METRICS_PORT}`]);
  expect(worker.WORKER_METRICS_HOST).toBe('0.0.0.0');
  expect((service('worker').ports ?? []).join()).not.toContain(String(worker.WORKER_METRICS_PORT));
});

test('Grafana is provisioned with the Prometheus data source the dashboard uses and the dashboard folder', () => {
  const volumes = compose.services.grafana?.volumes ?? [];
  const hostPath = (target: string) => {
    const found = volumes.find((v) => v.split(':')[1] === target)?.split(':')[0];
    if (!found) throw new Error(`grafana mounts nothing at ${target}`);
    return path.resolve(ROOT, found);
  };
  const provisioning = hostPath('/etc/grafana/provisioning');
  const datasources = parse(
    readFileSync(path.join(provisioning, 'datasources', 'prometheus.yml'), 'utf8'),
  ) as {
    datasources: { uid: string; url: string }[];
  };
  const providers = parse(readFileSync(path.join(provisioning, 'dashboards', 'procurement.yml'), 'utf8')) as {
    providers: { options: { path: string } }[];
  };
  expect(datasources.datasources[0]?.url).toBe('http://prometheus:9090');
  expect(providers.providers[0]?.options.path).toBe('/var/lib/grafana/dashboards');
  const dashboard = JSON.parse(
    readFileSync(path.join(hostPath('/var/lib/grafana/dashboards'), 'procurement.json'), 'utf8'),
  ) as { panels: { datasource: { uid: string } }[] };
  expect(new Set(dashboard.panels.map((panel) => panel.datasource.uid))).toEqual(
    new Set([datasources.datasources[0]?.uid]),
  );
});
