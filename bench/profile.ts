/**
 * A CPU profile of the project's workflow code under the throughput load (20 clients driving
 * projects to step 5 through the API).
 *
 * The SDK runs workflows on a worker thread, which an inspector session of the main thread does
 * not see; so this phase starts a second stack whose worker runs them on the main thread
 * (debugMode: the same reusable V8 context and bundle, without the thread hop and the deadlock
 * timer) and profiles the main thread with `node:inspector`. The API, the activities and the
 * client are in the same profile, told apart by file (bench/profile-analysis.ts). The figures of
 * the throughput table come from the deployed layout, not from this phase.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session, type Profiler } from 'node:inspector';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { driveProjectToStep5 } from './drive';
import { type ProfileReport, analyseProfile } from './profile-analysis';
import { startBenchStack } from './stack';
import { type Bundle, loadAverage, progress } from './support';

export interface ProfileResult extends ProfileReport {
  seconds: number;
  /** API calls finished in the profiled window (the create and one update each). */
  calls: number;
  /** Milliseconds of CPU inside the workflow sandbox, and under our workflow code, per call. */
  sandboxMsPerCall: number;
  oursMsPerCall: number;
  file: string;
  loadavg: string;
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

export async function profileWorkflows(
  env: TestWorkflowEnvironment,
  bundle: Bundle,
  options: { clients: number; seconds: number; file: string },
): Promise<ProfileResult> {
  const stack = await startBenchStack({ env, bundle, debugMode: true });
  const session = new Session();
  try {
    // Warm: the first process compiles the workflow code; the profile is of the steady state.
    await driveProjectToStep5(stack, `bench-profile-warm-${randomUUID().slice(0, 8)}`);
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 500 });
    await post(session, 'Profiler.start');
    const deadline = performance.now() + options.seconds * 1000;
    const stop = () => performance.now() >= deadline;
    let calls = 0;
    const tag = randomUUID().slice(0, 8);
    progress(`profile: ${options.clients} clients for ${options.seconds} s, workflows on the main thread`);
    await Promise.all(
      Array.from({ length: options.clients }, async (_, c) => {
        for (let n = 0; !stop(); n++) {
          await driveProjectToStep5(stack, `bench-profile-${tag}-${c}-${n}`, {
            stop,
            onCall: () => void calls++,
          });
        }
      }),
    );
    const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
    await writeFile(options.file, JSON.stringify(profile));
    const report = analyseProfile(profile, bundle.code);
    const perCall = (ms: number) => (calls ? Math.round((ms / calls) * 100) / 100 : Number.NaN);
    return {
      ...report,
      seconds: options.seconds,
      calls,
      sandboxMsPerCall: perCall(report.sandboxMs),
      oursMsPerCall: perCall(report.oursInSandboxMs),
      file: options.file,
      loadavg: loadAverage(),
    };
  } finally {
    session.disconnect();
    await stack.close();
  }
}
