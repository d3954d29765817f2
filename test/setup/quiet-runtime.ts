/** Per test file: the Temporal SDK logs warnings and errors only, so test output stays readable. */
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this process by an earlier test file: keep that one.
}
