/**
 * The project's file as the exports show it: one model built from the project's state, its whole
 * audit trail and its documents, which the PDF (pdf.ts) lays out and the CSV (csv.ts) lists.
 * Tables share one shape of row so the CSV is one table: a section, then the same columns.
 */
import {
  GATE_IDS,
  GATE_LABELS,
  GATE_STEP,
  type Locale,
  catalogue,
  kpiUnit,
  label,
  stepLabel,
} from '../../domain/catalogue';
import { digestInProject } from '../../domain/digest';
import { type DocumentRef, documentKindLabel, documentsOf } from '../../domain/documents';
import type { AuditEntry } from '../../domain/project';
import { outcomeLabel } from '../../presentation/labels';
import { t } from '../../presentation/locale';
import type { ProjectView } from '../../workflows/messages';

export interface Row {
  reference: string;
  name: string;
  value: string;
  unit: string;
  date: string;
  actor: string;
  comment: string;
}

export const ROW_COLUMNS = ['reference', 'name', 'value', 'unit', 'date', 'actor', 'comment'] as const;

export type TableId = 'kpis' | 'indicators' | 'end-of-use' | 'documents' | 'audit';

export interface Table {
  id: TableId;
  title: string;
  rows: Row[];
}

export interface SubmissionSummary {
  title: string;
  meta: string;
  lines: string[];
  documents: DocumentRef[];
}

export interface CaseFile {
  locale: Locale;
  title: string;
  facts: [string, string][];
  submissions: SubmissionSummary[];
  decisions: { title: string; lines: string[] }[];
  tables: Table[];
}

const row = (fields: Partial<Row>): Row => ({
  reference: '',
  name: '',
  value: '',
  unit: '',
  date: '',
  actor: '',
  comment: '',
  ...fields,
});

export const euro = (amount: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'nl' ? 'nl-BE' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(
    amount,
  );

function kpiRows(state: ProjectView, locale: Locale): Row[] {
  return state.reviews.flatMap((review) =>
    review.kpis.map((kpi) =>
      row({
        reference: review.momentId,
        name: label(catalogue.contract_kpis, kpi.kpiId, locale),
        value: String(kpi.value),
        unit: kpiUnit(kpi.kpiId, locale),
        date: review.recordedAt,
        actor: review.recordedBy,
        comment: kpi.comment ?? '',
      }),
    ),
  );
}

function indicatorRows(state: ProjectView, locale: Locale): Row[] {
  const objective = (id: string) => label(catalogue.ambition_objectives.items, id, locale);
  const ambitions = state.submissions['circular-ambitions']?.data;
  const unitOf = (id: string) =>
    ambitions?.objectives.find((o) => o.objectiveId === id)?.indicator.unit ?? '';
  const rows: Row[] = [];
  for (const o of ambitions?.objectives ?? []) {
    const common = {
      reference: objective(o.objectiveId),
      unit: o.indicator.unit,
      comment: o.indicator.description,
    };
    rows.push(
      row({
        ...common,
        name: t(locale, 'nulmeting', 'baseline'),
        value: String(o.baseline.value),
        date: o.baseline.measuredOn ?? '',
      }),
    );
    if (o.target !== undefined)
      rows.push(row({ ...common, name: t(locale, 'doel', 'target'), value: String(o.target) }));
  }
  for (const v of state.submissions.award?.data.contractIndicatorValues ?? [])
    rows.push(
      row({
        reference: objective(v.objectiveId),
        name: t(locale, 'in het contract', 'in the contract'),
        value: String(v.value),
        unit: unitOf(v.objectiveId),
      }),
    );
  for (const v of state.submissions.evaluate?.data.indicatorValues ?? []) {
    const common = {
      reference: objective(v.objectiveId),
      unit: unitOf(v.objectiveId),
      comment: t(locale, 'evaluatie', 'evaluation'),
    };
    rows.push(row({ ...common, name: t(locale, 'nulmeting', 'baseline'), value: String(v.baseline) }));
    if (v.contract !== undefined)
      rows.push(
        row({ ...common, name: t(locale, 'in het contract', 'in the contract'), value: String(v.contract) }),
      );
    rows.push(row({ ...common, name: t(locale, 'op het einde', 'at the end'), value: String(v.end) }));
  }
  return rows;
}

function endOfUseRows(state: ProjectView, locale: Locale): Row[] {
  const routes = catalogue.valorisation_routes;
  return (state.submissions['end-of-use']?.data.items ?? []).map((item) =>
    row({
      reference: item.itemId,
      name: item.description,
      value: String(item.quantity),
      unit: label(routes.items, item.routeId, locale),
      actor: item.recipient,
      comment: [
        `${t(locale, 'staat', 'condition')}: ${item.condition}`,
        item.channelId
          ? `${t(locale, 'kanaal', 'channel')}: ${label(routes.channels, item.channelId, locale)}`
          : '',
        item.residualValueEur !== undefined
          ? `${t(locale, 'restwaarde', 'residual value')}: ${euro(item.residualValueEur, locale)}`
          : '',
        item.certificateRef ? `${t(locale, 'certificaat', 'certificate')}: ${item.certificateRef}` : '',
        item.lowerRouteReason ?? '',
      ]
        .filter(Boolean)
        .join('; '),
    }),
  );
}

const documentRow = (ref: DocumentRef, locale: Locale) =>
  row({
    reference: ref.sha256,
    name: ref.name,
    value: String(ref.size),
    unit: ref.mediaType,
    date: ref.uploadedAt,
    actor: ref.uploadedBy,
    comment: documentKindLabel(ref.kind, locale),
  });

const auditRow = (entry: AuditEntry, locale: Locale) =>
  row({
    reference: entry.kind,
    name: [
      entry.gate ? GATE_LABELS[entry.gate][locale] : '',
      entry.round ? `${t(locale, 'ronde', 'round')} ${entry.round}` : '',
    ]
      .filter(Boolean)
      .join(' — '),
    value: entry.channel,
    date: entry.at,
    actor: entry.actor,
    comment: entry.comment ?? '',
  });

function submissionsOf(state: ProjectView, locale: Locale): SubmissionSummary[] {
  return GATE_IDS.flatMap((gate) => {
    const submission = state.submissions[gate];
    if (!submission) return [];
    const data = submission.data;
    return [
      {
        title: `${stepLabel(GATE_STEP[gate], locale)} — ${GATE_LABELS[gate][locale]}`,
        meta: `${t(locale, 'versie', 'version')} ${submission.version}, ${submission.submittedBy}, ${submission.submittedAt}`,
        lines: digestInProject(gate, data, state.submissions)[locale],
        documents: documentsOf(data),
      },
    ];
  });
}

function decisionsOf(state: ProjectView, locale: Locale): CaseFile['decisions'] {
  return state.rounds.map((round) => ({
    title: `${GATE_LABELS[round.gate][locale]} — ${t(locale, 'ronde', 'round')} ${round.number}: ${outcomeLabel(round.status, locale)}`,
    lines: round.slots.map((slot) =>
      slot.decision
        ? `${slot.holder.name} (${slot.holder.email}): ${outcomeLabel(slot.decision.kind, locale)}, ${slot.decision.at}${slot.decision.comment ? ` — ${slot.decision.comment}` : ''}`
        : `${slot.holder.name} (${slot.holder.email}): ${t(locale, 'geen beslissing', 'no decision')}`,
    ),
  }));
}

export function buildCaseFile(
  state: ProjectView,
  audit: AuditEntry[],
  documents: DocumentRef[],
  locale: Locale,
): CaseFile {
  return {
    locale,
    title: state.title,
    facts: [
      [t(locale, 'Project', 'Project'), state.projectId],
      [t(locale, 'Organisatie', 'Organisation'), state.organisation],
      [t(locale, 'Productgroep', 'Product group'), state.productGroup],
      [t(locale, 'Stap', 'Step'), stepLabel(state.step, locale)],
      [t(locale, 'Status', 'Status'), outcomeLabel(state.status, locale)],
      [t(locale, 'Aanvrager', 'Requester'), `${state.requester.name} (${state.requester.email})`],
      [t(locale, 'Aangemaakt', 'Created'), state.createdAt],
      ...(state.contract
        ? ([
            [
              t(locale, 'Contract', 'Contract'),
              `${state.contract.supplier}, ${state.contract.start} — ${state.contract.end}`,
            ],
          ] as [string, string][])
        : []),
    ],
    submissions: submissionsOf(state, locale),
    decisions: decisionsOf(state, locale),
    tables: [
      { id: 'kpis', title: t(locale, "KPI's", 'KPIs'), rows: kpiRows(state, locale) },
      { id: 'indicators', title: t(locale, 'Indicatoren', 'Indicators'), rows: indicatorRows(state, locale) },
      {
        id: 'end-of-use',
        title: t(locale, 'Einde gebruik', 'End of use'),
        rows: endOfUseRows(state, locale),
      },
      {
        id: 'documents',
        title: t(locale, 'Documenten', 'Documents'),
        rows: documents.map((d) => documentRow(d, locale)),
      },
      {
        id: 'audit',
        title: t(locale, 'Audittrail', 'Audit trail'),
        rows: audit.map((e) => auditRow(e, locale)),
      },
    ],
  };
}
