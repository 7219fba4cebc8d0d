import { compress, isContentType, languageFromPath, CONTENT_TYPES } from '../../compressors/index.js';
import type { Store } from '../../memory/types.js';
import { ExitError, UsageError } from '../errors.js';
import { openConfiguredStore } from '../open-store.js';
import { readInput } from '../read-input.js';
import { writeOut } from '../write-out.js';

export interface CompressFlags {
  readonly json?: boolean;
  readonly type?: string;
  readonly budget?: string;
  readonly language?: string;
  readonly tool?: string;
  /** commander's --no-store: false when given. */
  readonly store?: boolean;
}

/** The store, or undefined (with a warning) when it cannot be opened: compression then passes through. */
async function tryStore(): Promise<Store | 'unavailable'> {
  try {
    return await openConfiguredStore();
  } catch (err) {
    if (!(err instanceof ExitError)) throw err;
    process.stderr.write(
      `headroom: ${err.message}\nheadroom: output passed through unchanged, since nothing elided could be retrieved; --no-store compresses without keeping originals\n`,
    );
    return 'unavailable';
  }
}

function parseBudget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--budget must be a positive whole number of tokens, got "${value}"`);
  return n;
}

/** `headroom compress [FILE]`: compressed text on stdout, or a JSON report with --json. */
export async function runCompress(file: string | undefined, flags: CompressFlags): Promise<void> {
  if (flags.type !== undefined && !isContentType(flags.type)) {
    throw new UsageError(`unknown --type "${flags.type}": use one of ${CONTENT_TYPES.join(', ')}`);
  }
  const budgetTokens = parseBudget(flags.budget);
  const input = await readInput(file);
  const language = flags.language ?? (file ? languageFromPath(file) : undefined);
  const store = flags.store === false ? undefined : await tryStore();
  if (store === 'unavailable') {
    await writeOut(flags.json ? `${JSON.stringify({ text: input.text, passthrough: 'store-unavailable', ids: [] })}\n` : input.bytes);
    return;
  }
  let result;
  try {
    result = await compress(input.text, {
      ...(flags.type ? { type: flags.type as (typeof CONTENT_TYPES)[number] } : {}),
      ...(language ? { language } : {}),
      ...(budgetTokens ? { budgetTokens } : {}),
      ...(store ? { store, original: input.bytes, tool: flags.tool ?? 'cli' } : {}),
      tokens: flags.json ? 'exact' : 'estimate',
    });
  } finally {
    await store?.close();
  }

  if (flags.json) {
    const report = {
      text: result.text,
      type: result.type,
      tokensBefore: result.tokensBefore,
      tokensAfter: result.tokensAfter,
      ms: Math.round(result.ms * 100) / 100,
      ids: result.ids,
      ...(result.language ? { language: result.language } : {}),
      ...(result.passthrough ? { passthrough: result.passthrough } : {}),
      ...(input.validUtf8 ? {} : { invalidUtf8: true }),
      parts: result.parts,
      elisions: result.elisions,
    };
    await writeOut(`${JSON.stringify(report)}\n`);
    return;
  }
  // A passthrough gives back the exact bytes read, even when they were not UTF-8.
  await writeOut(result.passthrough ? input.bytes : result.text);
}
