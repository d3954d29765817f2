/**
 * A few lines that summarise a submission for an approver (in emails and on the decision page),
 * in Dutch or English. Pure: the workflow computes it once per round.
 */
import { type GateId, type Locale, catalogue, label } from './catalogue';
import type { DeliverableByGate } from './schemas';

type Digest = Record<Locale, string[]>;

function both(build: (locale: Locale) => string[]): Digest {
  return { nl: build('nl'), en: build('en') };
}

const t = (locale: Locale, nl: string, en: string): string => (locale === 'nl' ? nl : en);

function clip(text: string, max = 160): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

export function submissionDigest<G extends GateId>(gate: G, data: DeliverableByGate[G]): Digest {
  switch (gate) {
    case 'circular-need': {
      const need = data as DeliverableByGate['circular-need'];
      return both((l) => [
        `${t(l, 'Functionele nood', 'Functional need')}: ${clip(need.functionalNeed)}`,
        `${t(l, 'Inventaris', 'Inventory')}: ${need.inventory.length} ${t(l, 'controle(s)', 'check(s)')}`,
        `${t(l, 'Haalbare alternatieven', 'Feasible alternatives')}: ${
          need.alternatives
            .filter((a) => a.feasible)
            .map((a) => a.kind)
            .join(', ') || t(l, 'geen', 'none')
        }`,
        need.decision.outcome === 'purchase'
          ? `${t(l, 'Beslissing', 'Decision')}: ${t(l, 'aankopen', 'purchase')}`
          : `${t(l, 'Beslissing', 'Decision')}: ${t(l, 'niet aankopen', 'no purchase')} (${need.decision.alternative})`,
      ]);
    }
    case 'circular-ambitions': {
      const ambitions = data as DeliverableByGate['circular-ambitions'];
      return both((l) => [
        ...ambitions.objectives.map(
          (o) =>
            `${label(catalogue.ambition_objectives.items, o.objectiveId, l)}: ${o.strategies.length} ${t(
              l,
              'strategie(ën)',
              'strateg(y/ies)',
            )}; ${clip(o.indicator.description, 80)} (${t(l, 'nulmeting', 'baseline')} ${o.baseline.value} ${o.indicator.unit})`,
        ),
        `${t(l, 'Interne actoren', 'Internal actors')}: ${ambitions.internalActors.length}`,
      ]);
    }
    case 'market-dialogue': {
      const dialogue = data as DeliverableByGate['market-dialogue'];
      if (dialogue.mode === 'skipped') {
        return both((l) => [
          `${t(l, 'Marktdialoog overgeslagen', 'Market dialogue skipped')}: ${clip(dialogue.reason)}`,
        ]);
      }
      return both((l) =>
        dialogue.dialogues.map(
          (d) =>
            `${label(catalogue.market_dialogue_forms.items, d.form, l)} (${d.date}, ${d.participants} ${t(
              l,
              'deelnemers',
              'participants',
            )}): ${clip(d.findings, 100)}`,
        ),
      );
    }
    case 'tender-documents': {
      const tender = data as DeliverableByGate['tender-documents'];
      return both((l) => [
        `${t(l, 'Procedure', 'Procedure')}: ${label(catalogue.procurement_procedures.items, tender.procedure, l)}`,
        `${t(l, 'Looptijd', 'Term')}: ${tender.scope.contractTermMonths} ${t(l, 'maanden', 'months')} (${tender.scope.kind})`,
        `${t(l, 'Gunningscriteria', 'Award criteria')}: ${tender.awardCriteria.map((c) => `${c.name} ${c.weight}%`).join(', ')}`,
        `${t(l, 'Uitvoeringsvoorwaarden', 'Execution conditions')}: ${tender.executionConditions.length}`,
      ]);
    }
    case 'award': {
      const award = data as DeliverableByGate['award'];
      return both((l) => [
        `${t(l, 'Leverancier', 'Supplier')}: ${award.supplier.name}`,
        `${t(l, 'Contract', 'Contract')}: ${award.contractStart} → ${award.contractEnd}`,
        `${t(l, 'Contractbeheerder', 'Contract manager')}: ${award.contractManager.name}`,
        `${t(l, 'Opvolging', 'Follow-up')}: ${t(l, 'elke', 'every')} ${award.followUpCadence.reviewEveryMonths} ${t(l, 'maand(en)', 'month(s)')}`,
      ]);
    }
    case 'end-of-use': {
      const endOfUse = data as DeliverableByGate['end-of-use'];
      return both((l) =>
        endOfUse.items.map(
          (item) =>
            `${item.description} ×${item.quantity}: ${label(catalogue.valorisation_routes.items, item.routeId, l)} → ${clip(item.recipient, 60)}`,
        ),
      );
    }
    case 'evaluate': {
      const evaluation = data as DeliverableByGate['evaluate'];
      return both((l) => [
        `${t(l, 'Doel gehaald', 'Target met')}: ${evaluation.targetMet}`,
        ...evaluation.lessons.slice(0, 3).map((lesson) => `${t(l, 'Les', 'Lesson')}: ${clip(lesson, 120)}`),
      ]);
    }
  }
  return { nl: [], en: [] };
}
