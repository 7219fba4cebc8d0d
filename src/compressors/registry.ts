import { binaryCompressor } from './binary.js';
import { buildOutputCompressor } from './build-output.js';
import { codeCompressor } from './code.js';
import { diffCompressor } from './diff.js';
import { htmlCompressor } from './html.js';
import { jsonCompressor } from './json.js';
import { listingCompressor } from './listing.js';
import { logsCompressor } from './logs.js';
import { proseCompressor } from './prose.js';
import { searchCompressor } from './search.js';
import { tableCompressor } from './table.js';
import { testOutputCompressor } from './test-output.js';
import type { Compressor, ContentType } from './types.js';

// Every compressor, in tie-break order: the more specific formats first, prose
// (which never declines) last.
export const COMPRESSORS: readonly Compressor[] = [
  binaryCompressor,
  diffCompressor,
  testOutputCompressor,
  buildOutputCompressor,
  searchCompressor,
  listingCompressor,
  jsonCompressor,
  htmlCompressor,
  codeCompressor,
  tableCompressor,
  logsCompressor,
  proseCompressor,
];

export const FALLBACK: Compressor = proseCompressor;

/** The compressor for a forced type (`--type`). */
export function compressorFor(type: ContentType): Compressor {
  const c = COMPRESSORS.find((x) => x.type === type);
  if (!c) throw new Error(`no compressor for type ${type}`);
  return c;
}
