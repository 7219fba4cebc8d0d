export { listingCompressor } from './listing.js';
