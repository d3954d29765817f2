/**
 * What a file is, by its content: magic bytes, the entries of a zip container (office documents),
 * or UTF-8 text. The client's Content-Type and file name are never trusted for the type; the name
 * only tells apart formats that share a container and say nothing themselves (a CSV from plain
 * text, a legacy .doc from a .xls).
 */
import type { DocumentMediaType } from '../domain/documents';

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Names of the entries in a zip's central directory, or undefined when it is not a readable zip. */
export function zipEntryNames(bytes: Buffer): string[] | undefined {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) !== 0x06054b50) continue;
    const count = bytes.readUInt16LE(at + 10);
    let entry = bytes.readUInt32LE(at + 16);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      if (entry + 46 > bytes.length || bytes.readUInt32LE(entry) !== 0x02014b50) return undefined;
      const nameLength = bytes.readUInt16LE(entry + 28);
      const extraLength = bytes.readUInt16LE(entry + 30);
      const commentLength = bytes.readUInt16LE(entry + 32);
      names.push(bytes.toString('utf8', entry + 46, entry + 46 + nameLength));
      entry += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return undefined;
}

const ODF_TYPES: Record<string, DocumentMediaType> = {
  'application/vnd.oasis.opendocument.text': 'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet': 'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'application/vnd.oasis.opendocument.presentation',
};

function sniffZip(bytes: Buffer): DocumentMediaType | undefined {
  // OpenDocument: an uncompressed first entry "mimetype" whose content is the media type.
  if (bytes.toString('latin1', 30, 38) === 'mimetype') {
    const declared = bytes.toString('latin1', 38, 38 + 60).match(/^[a-z0-9.+/-]+/)?.[0] ?? '';
    const odf = Object.entries(ODF_TYPES).find(([prefix]) => declared.startsWith(prefix));
    if (odf) return odf[1];
  }
  const names = zipEntryNames(bytes);
  if (!names?.includes('[Content_Types].xml')) return undefined;
  if (names.some((name) => name.startsWith('word/')))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.some((name) => name.startsWith('xl/')))
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (names.some((name) => name.startsWith('ppt/')))
    return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  return undefined;
}

const LEGACY_OFFICE: Record<string, DocumentMediaType> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

// eslint-disable-next-line no-control-regex -- text may hold tab, line breaks and form feed, nothing else below 0x20
const BINARY_IN_TEXT = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function isText(bytes: Buffer): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return !BINARY_IN_TEXT.test(text);
  } catch {
    return false;
  }
}

/** The media type of `bytes` (the whole file), or undefined for content the case file does not take. */
export function sniffMediaType(bytes: Buffer, fileName: string): DocumentMediaType | undefined {
  const extension = fileName.toLowerCase().split('.').at(-1) ?? '';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  // OLE compound file: legacy Office (and other things, which the name cannot make acceptable).
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return LEGACY_OFFICE[extension];
  if (bytes.length > 0 && isText(bytes)) return extension === 'csv' ? 'text/csv' : 'text/plain';
  return undefined;
}
