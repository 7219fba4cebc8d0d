// Records every module a process loads, for tests that check start-up stays
// lean: `node --import ./test/helpers/trace-imports.mjs ...` with
// HEADROOM_TRACE_IMPORTS=<file> appends one resolved URL per line to <file>.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const r = await next(specifier, context);
      if (process.env.HEADROOM_TRACE_IMPORTS) appendFileSync(process.env.HEADROOM_TRACE_IMPORTS, r.url + '\\n');
      return r;
    }
  `)}`,
);
