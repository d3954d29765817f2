/**
 * The documents an approver needs to judge, on the decision page, downloadable through the link's
 * own authority: approvers have no API key. `/d/<token>/documents/<sha256>` serves a document
 * only while the token is valid (signed, not expired) and only if it is one of the documents of
 * the submission that token's round decides on — the gate's latest, as a resubmission replaces
 * the open round.
 */
import type { Router } from 'express';
import { type DocumentRef, SHA256_HEX, documentKindLabel } from '../../domain/documents';
import { latestRound } from '../../domain/project';
import { type SafeHtml, safeHtml } from '../../presentation/html';
import { t } from '../../presentation/locale';
import { sendDocument } from '../documents/send';
import type { DecisionLink } from './decision-pages';
import type { LinkTools } from './link-tools';

/** The documents this link may show: those of the submission its round decides on. */
export function linkedDocuments(link: Pick<DecisionLink, 'state' | 'claims'>): DocumentRef[] {
  const latest = latestRound(link.state, link.claims.g);
  return latest?.number === link.claims.r ? (link.state.documents ?? []) : [];
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} kB`
      : `${bytes} B`;

export function documentList(link: DecisionLink): SafeHtml {
  const documents = linkedDocuments(link);
  if (documents.length === 0) return safeHtml``;
  const { locale, action } = link;
  return safeHtml`<h2>${t(locale, 'Documenten bij deze inzending', 'Documents of this submission')}</h2>
<ul class="documents">${documents.map(
    (ref) =>
      safeHtml`<li><a href="${action}/documents/${ref.sha256}" download>${ref.name}</a> <span class="meta">(${documentKindLabel(ref.kind, locale)}, ${size(ref.size)})</span></li>`,
  )}</ul>`;
}

export function mountDocumentDownloads(router: Router, tools: LinkTools): void {
  router.get('/d/:token/documents/:sha256', async (req, res) => {
    const sha256 = req.params.sha256;
    const link = SHA256_HEX.test(sha256) ? await tools.openLink(req, res, 'decision') : undefined;
    if (!link || link.expired || !linkedDocuments(link).some((ref) => ref.sha256 === sha256))
      return void tools.notFound(res);
    await sendDocument(res, tools.documents, link.claims.p, sha256);
  });
}
