export { testOutputCompressor } from './test-output.js';
