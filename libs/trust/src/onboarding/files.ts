import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Replaces `file` atomically with `text`, and leaves it untouched (mtime included) when equal. */
export function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
