/**
 * Small server-side state kept in one JSON file under DATA_DIR (sessions, drafts): read once at
 * start, rewritten whole on every change by writing a temporary file and renaming it over the old
 * one, so a crash mid-write leaves the previous file, never half of one.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file's content, or undefined when it is absent or unreadable (both start empty). */
export function readJsonFile<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Replaces the file with `value` at once (mode 0600: it may hold what people typed). */
export function writeJsonFileAtomically(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value), { mode: 0o600 });
  renameSync(temporary, file);
}
