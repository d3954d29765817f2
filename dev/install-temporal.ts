/** `npm run setup:temporal`: resolves (and if needed installs) both Temporal binaries, then says where they are. */
import { resolveTemporalBinaryPath, type TemporalBinaryKind } from './temporal-binaries';

async function main(): Promise<void> {
  for (const kind of ['cli', 'test-server'] as TemporalBinaryKind[]) {
    const file = await resolveTemporalBinaryPath(kind, { log: (line) => console.log(`[temporal] ${line}`) });
    console.log(`[temporal] ${kind}: ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
