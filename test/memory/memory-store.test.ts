import { createMemoryStore } from '../../src/memory/memory-store.js';
import { runStoreContract } from './store-contract.js';

runStoreContract({ open: async (options) => createMemoryStore(options) });
