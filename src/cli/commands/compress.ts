import { compress, isContentType, languageFromPath, CONTENT_TYPES } from '../../compressors/index.js';
import { UsageError } from '../errors.js';
import { readInput } from '../read-input.js';

export interface CompressFlags {
  readonly json?: boolean;
  readonly type?: string;
  readonly budget?: string;
  readonly language?: string;
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
  const result = await compress(input.text, {
    ...(flags.type ? { type: flags.type as (typeof CONTENT_TYPES)[number] } : {}),
    ...(language ? { language } : {}),
    ...(budgetTokens ? { budgetTokens } : {}),
    tokens: flags.json ? 'exact' : 'estimate',
  });

  if (flags.json) {
    const report = {
      text: result.text,
      type: result.type,
      tokensBefore: result.tokensBefore,
      tokensAfter: result.tokensAfter,
      ms: Math.round(result.ms * 100) / 100,
      ...(result.language ? { language: result.language } : {}),
      ...(result.passthrough ? { passthrough: result.passthrough } : {}),
      ...(input.validUtf8 ? {} : { invalidUtf8: true }),
      parts: result.parts,
      elisions: result.elisions,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  // A passthrough gives back the exact bytes read, even when they were not UTF-8.
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(result.passthrough ? input.bytes : result.text, (err) => (err ? reject(err) : resolve())),
  );
}
