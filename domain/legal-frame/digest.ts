/**
 * The legal frame in the few lines an approver reads (decision page and approval mail), nl or en,
 * with the catalogue's labels: the threshold check's verdict and reasons included, so the legal
 * approver sees a warning where it matters.
 */
import { type Locale, catalogue, label } from '../catalogue';
import type { AwardLegalFrame, TenderLegalFrame } from '../schemas/legal-frame';
import { standstillEndsOn } from './contract-dates';
import { checkProcedure, euroAmount, totalValue } from './thresholds';

const legal = catalogue.legal_frame;
const field = (id: string, l: Locale) => label(legal.fields, id, l);

export function tenderLegalLines(
  procedure: string,
  frame: TenderLegalFrame | undefined,
  l: Locale,
): string[] {
  if (!frame) return [];
  const value = frame.estimatedValue;
  const check = checkProcedure({
    procedure,
    contractType: frame.contractType,
    buyerType: frame.buyerType,
    estimatedValue: value,
    date: frame.keyDates.publication,
  });
  const { publication, offerDeadline, opening } = frame.keyDates;
  const verdict =
    check.verdict === 'ok'
      ? l === 'nl'
        ? 'past binnen de drempels'
        : 'fits the thresholds'
      : check.reasons.map((reason) => reason[l]).join(' ');
  return [
    `${field('estimated-value', l)}: ${euroAmount(totalValue(value), l)} (${field('options-value', l)} ${euroAmount(value.optionsEur, l)}, ${field('extensions-value', l)} ${euroAmount(value.extensionsEur, l)}); ${label(legal.contract_types, frame.contractType, l)}, ${label(legal.buyer_types, frame.buyerType, l).toLowerCase()}`,
    `${field('cpv-codes', l)}: ${frame.cpvCodes.join(', ')}`,
    [
      `${field('publication', l)}: ${publication}`,
      `${field('offer-deadline', l)}: ${offerDeadline}`,
      ...(opening ? [`${field('opening', l)}: ${opening}`] : []),
    ].join('; '),
    `${field('threshold-check', l)}: ${verdict}` +
      (check.europeanPublication && check.euThresholdEur !== undefined
        ? ` ${field('european-publication', l)} (${euroAmount(check.euThresholdEur, l)}).`
        : ''),
  ];
}

export function awardLegalLines(frame: AwardLegalFrame | undefined, l: Locale): string[] {
  if (!frame) return [];
  const { body, date, reference, notifiedOn } = frame.decision;
  return [
    `${field('award-decision', l)}: ${label(legal.decision_bodies, body, l)}, ${date}, ${reference}` +
      (notifiedOn ? ` (${field('notified-on', l).toLowerCase()} ${notifiedOn})` : ''),
    [
      `${field('standstill', l)} ${standstillEndsOn(frame.decision)}`,
      ...(frame.conclusionOn ? [`${field('conclusion', l)}: ${frame.conclusionOn}`] : []),
      ...(frame.startOrderOn ? [`${field('start-order', l)}: ${frame.startOrderOn}`] : []),
    ].join('; '),
  ];
}
