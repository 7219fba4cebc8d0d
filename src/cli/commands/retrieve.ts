import { RetrieveUsageError, retrieve } from '../../memory/retrieve.js';
import { EXIT, ExitError, UsageError } from '../errors.js';
import { openConfiguredStore } from '../open-store.js';
import { writeOut } from '../write-out.js';

export interface RetrieveFlags {
  readonly lines?: string;
  readonly grep?: string;
  readonly json?: boolean;
}

/** `headroom retrieve ID`: the original byte for byte, or a range / the matching lines of it. */
export async function runRetrieve(id: string, flags: RetrieveFlags): Promise<void> {
  const store = await openConfiguredStore();
  try {
    let r;
    try {
      r = await retrieve(store, id, { lines: flags.lines, grep: flags.grep });
    } catch (err) {
      if (err instanceof RetrieveUsageError) throw new UsageError(err.message, { cause: err });
      throw err;
    }
    if (flags.json) {
      const body = r.found
        ? { id: r.id, found: true, text: Buffer.from(r.bytes).toString('utf8'), ...(r.note ? { note: r.note } : {}) }
        : { id: r.id, found: false, message: r.message };
      await writeOut(`${JSON.stringify(body)}\n`);
      if (!r.found) throw new ExitError(r.message, EXIT.failure);
      return;
    }
    if (!r.found) throw new ExitError(r.message, EXIT.failure);
    await writeOut(r.bytes);
    if (r.note) process.stderr.write(`headroom: ${r.note}\n`);
  } finally {
    await store.close();
  }
}
