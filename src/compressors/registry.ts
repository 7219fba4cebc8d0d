import { binaryCompressor } from './binary/index.js';
import { buildOutputCompressor } from './build/index.js';
import { codeCompressor } from './code/index.js';
import { diffCompressor } from './diff/index.js';
import { htmlCompressor } from './html/index.js';
import { jsonCompressor } from './json/index.js';
import { listingCompressor } from './listing/index.js';
import { logsCompressor } from './logs/index.js';
import { proseCompressor } from './prose/index.js';
import { proseMlCompressor } from './prose-ml/index.js';
import { searchCompressor } from './search/index.js';
import { tableCompressor } from './table/index.js';
import { testOutputCompressor } from './test-output/index.js';
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
  // Documents above a size, when its model loads; it scores as prose does and wins the tie.
  proseMlCompressor,
  proseCompressor,
];

export const FALLBACK: Compressor = proseCompressor;

/** The compressor for a forced type (`--type`). */
export function compressorFor(type: ContentType): Compressor {
  const c = COMPRESSORS.find((x) => x.type === type);
  if (!c) throw new Error(`no compressor for type ${type}`);
  return c;
}
