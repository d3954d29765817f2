/**
 * The case file: the kinds of document each step keeps, and the reference to a stored document.
 * Files never enter workflow history or state; the storage module (storage/) keeps them, and
 * deliverables carry only these small references (a few hundred bytes each).
 */
import { z } from 'zod';
import type { Locale, StepId } from './catalogue';
import { email, plainString, ruleCheck, stepId } from './schemas/common';

export interface DocumentKind {
  id: string;
  step: StepId;
  nl: string;
  en: string;
}

/** Per step, the documents the process produces (Vlaanderen Circulair's steps 3-6). */
export const DOCUMENT_KINDS = [
  {
    id: 'rfi',
    step: 'market-dialogue',
    nl: 'Request for information (RFI)',
    en: 'Request for information (RFI)',
  },
  { id: 'rfi-answers', step: 'market-dialogue', nl: 'Antwoorden op de RFI', en: 'RFI answers' },
  {
    id: 'consultation-report',
    step: 'market-dialogue',
    nl: 'Verslag van de marktconsultatie (gedeeld met alle deelnemers)',
    en: 'Consultation report (shared with all participants)',
  },
  { id: 'tender-documents', step: 'specify-and-award', nl: 'Opdrachtdocumenten', en: 'Tender documents' },
  { id: 'opening-record', step: 'specify-and-award', nl: 'Proces-verbaal van opening', en: 'Opening record' },
  { id: 'award-report', step: 'specify-and-award', nl: 'Gunningsverslag', en: 'Award report' },
  {
    id: 'reasoned-decision',
    step: 'specify-and-award',
    nl: 'Gemotiveerde gunningsbeslissing',
    en: 'Reasoned award decision',
  },
  { id: 'contract', step: 'specify-and-award', nl: 'Contract of bestelbon', en: 'Contract or order' },
  {
    id: 'kpi-report',
    step: 'use-and-execution',
    nl: 'KPI-rapport van de leverancier',
    en: 'Supplier KPI report',
  },
  {
    id: 'destination-certificate',
    step: 'end-of-use',
    nl: 'Certificaat van bestemming',
    en: 'Destination certificate',
  },
] as const satisfies readonly DocumentKind[];

export type DocumentKindId = (typeof DOCUMENT_KINDS)[number]['id'];
export const DOCUMENT_KIND_IDS = DOCUMENT_KINDS.map((kind) => kind.id) as [
  DocumentKindId,
  ...DocumentKindId[],
];

export function documentKind(id: DocumentKindId): DocumentKind {
  const kind = DOCUMENT_KINDS.find((k) => k.id === id);
  if (!kind) throw new Error(`unknown document kind ${id}`);
  return kind;
}

export function documentKindLabel(id: string, locale: Locale): string {
  const kind = DOCUMENT_KINDS.find((k) => k.id === id);
  return kind ? kind[locale] : id;
}

/**
 * The media types the case file can hold, each recognised by its content (storage/sniff.ts), never
 * by what the client says. Configuration may allow fewer (DOCUMENTS_ALLOWED_TYPES).
 */
export const DOCUMENT_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'text/csv',
  'text/plain',
] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

export const SHA256_HEX = /^[a-f0-9]{64}$/;
export const sha256Hex = z
  .string()
  .max(64)
  .regex(SHA256_HEX, 'is not a SHA-256 digest (64 lowercase hex digits)');

/** A file name as shown and offered for download: no path, no control characters. */
export const documentName = plainString()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .refine((name) => !/[/\\]/.test(name), ruleCheck('document.file-name', {}));

/** How many documents one deliverable may reference (keeps it within its byte budget). */
export const DOCUMENTS_PER_DELIVERABLE = 50;

export const documentRef = z.object({
  /** The id: SHA-256 of the content, so the same file is stored once per project. */
  sha256: sha256Hex,
  name: documentName,
  mediaType: z.enum(DOCUMENT_MEDIA_TYPES),
  size: z.number().int().min(1),
  kind: z.enum(DOCUMENT_KIND_IDS),
  step: stepId,
  uploadedBy: email,
  uploadedAt: z.string().max(40).meta({ format: 'date-time' }),
});
export type DocumentRef = z.infer<typeof documentRef>;

/** The references a stored deliverable carries (none for deliverables submitted before the field). */
export function documentsOf(deliverable: unknown): DocumentRef[] {
  const listed = (deliverable as { documents?: unknown } | undefined)?.documents;
  return Array.isArray(listed) ? (listed as DocumentRef[]) : [];
}
