import fs from 'node:fs/promises';
import { UsageError } from './errors.js';

export interface Input {
  /** Exact bytes read, so a passthrough can give them back untouched. */
  readonly bytes: Buffer;
  /** Decoded text; invalid UTF-8 becomes U+FFFD, which routes it as binary. */
  readonly text: string;
  readonly validUtf8: boolean;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Reads FILE, or standard input when no file (or '-') is given. */
export async function readInput(file: string | undefined): Promise<Input> {
  let bytes: Buffer;
  if (!file || file === '-') {
    if (process.stdin.isTTY) throw new UsageError('no input: pass a FILE or pipe text into standard input');
    bytes = await readStdin();
  } else {
    try {
      bytes = await fs.readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? err);
      throw new UsageError(`cannot read ${file}: ${why}`, { cause: err });
    }
  }
  let validUtf8 = true;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    validUtf8 = false;
    text = new TextDecoder('utf-8').decode(bytes);
  }
  return { bytes, text, validUtf8 };
}
