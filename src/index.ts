// The library entry point: `import { compress } from 'headroom'`.
export * from './compressors/index.js';
export * from './memory/index.js';
