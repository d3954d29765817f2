/**
 * The whole audit trail of a project: the entries the workflow still carries, preceded by those
 * that left its carried state at a continue-as-new (domain/carried-state.ts). Those are read from
 * the start input of the run the archive reference names, which stays in that run's history
 * (for the namespace's retention period, or for good with Temporal's archival).
 */
import type { Client } from '@temporalio/client';
import { workflowIdFor } from '../domain/project';
import { auditRecordQuery } from '../workflows/messages';
import type { ProjectMessages } from './project-messages';
import type { TemporalCalls } from './temporal-calls';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import type { ArchiveRef } from '../domain/carried-state';
import type { AuditEntry } from '../domain/project';
import type { ProcurementWorkflowInput } from '../workflows/procurement/context';

export interface ArchivedAuditResult {
  entries: AuditEntry[];
  /** References whose run history is gone (past retention without archival). */
  unavailable: ArchiveRef[];
}

/** The archived audit entries, oldest first. */
export async function readArchivedAudit(
  client: Client,
  workflowId: string,
  archive: ArchiveRef[],
): Promise<ArchivedAuditResult> {
  const refs = archive.filter((ref) => ref.list === 'audit');
  const parts = await Promise.all(
    refs.map(async (ref) => {
      try {
        const { history } = await client.workflowService.getWorkflowExecutionHistory({
          namespace: client.options.namespace,
          execution: { workflowId, runId: ref.runId },
          maximumPageSize: 1,
        });
        const started = history?.events?.[0]?.workflowExecutionStartedEventAttributes;
        const input = await decodeFromPayloadsAtIndex<ProcurementWorkflowInput>(
          client.options.loadedDataConverter,
          0,
          started?.input?.payloads,
        );
        if (input.kind !== 'continued') return undefined;
        return input.state.audit.slice(0, ref.count);
      } catch {
        return undefined;
      }
    }),
  );
  const entries: AuditEntry[] = [];
  const unavailable: ArchiveRef[] = [];
  parts.forEach((part, index) => {
    if (part) entries.push(...part);
    else unavailable.push(refs[index] as ArchiveRef);
  });
  return { entries, unavailable };
}

/** The whole trail of a project, oldest first: archived entries, then those the run carries. */
export async function readWholeAudit(
  { client, calls, messages }: { client: Client; calls: TemporalCalls; messages: ProjectMessages },
  projectId: string,
): Promise<{ entries: AuditEntry[]; unavailable?: ArchiveRef[] }> {
  const record = await messages.query(projectId, auditRecordQuery);
  const archive = record.archive.filter((ref) => ref.list === 'audit');
  if (archive.length === 0) return { entries: record.entries };
  const archived = await calls.within(() => readArchivedAudit(client, workflowIdFor(projectId), archive));
  return {
    entries: [...archived.entries, ...record.entries],
    ...(archived.unavailable.length > 0 ? { unavailable: archived.unavailable } : {}),
  };
}
