#!/bin/bash
# JSON and text request logs of small Node servers built on real npm logging packages (pino via fastify,
# winston via express-winston, bunyan via restify's audit logger, debug's express:* namespace, morgan dev),
# each hit by the same bounded curl loop on 127.0.0.1.
set -u
W=/tmp/lst/nodeapps
cd $W
[ -d node_modules/fastify ] || npm install --no-audit --no-fund fastify@5 express@4 express-winston winston morgan debug restify bunyan >/dev/null 2>&1
rm -rf logs; mkdir -p apps logs
cat > apps/fastify.js <<'JS'
const app = require('fastify')({ logger: true });
const items = new Map([[1, { id: 1, name: 'apple' }], [2, { id: 2, name: 'pear' }]]);
app.get('/items/:id', async (req, reply) => {
  const it = items.get(Number(req.params.id));
  if (!it) { req.log.warn({ id: req.params.id }, 'item not found'); return reply.code(404).send({ error: 'not found' }); }
  return it;
});
app.post('/items', async (req) => { const id = items.size + 1; items.set(id, { id, ...req.body }); return { id }; });
app.get('/boom', async () => { throw new Error('database connection lost'); });
app.get('/slow', async () => { await new Promise((r) => setTimeout(r, 150)); return { ok: true }; });
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => { await app.close(); app.log.info('server closed'); process.exit(0); });
JS
cat > apps/winston.js <<'JS'
const express = require('express'); const winston = require('winston'); const ew = require('express-winston');
const app = express(); app.use(express.json());
app.use(ew.logger({ transports: [new winston.transports.Console()], format: winston.format.combine(winston.format.timestamp(), winston.format.json()), meta: true, expressFormat: true, statusLevels: true }));
app.get('/items/:id', (req, res) => (req.params.id < 3 ? res.json({ id: req.params.id }) : res.status(404).json({ error: 'not found' })));
app.post('/items', (req, res) => res.status(201).json({ id: 3 }));
app.get('/boom', () => { throw new Error('database connection lost'); });
app.get('/slow', (req, res) => setTimeout(() => res.json({ ok: true }), 150));
app.use(ew.errorLogger({ transports: [new winston.transports.Console()], format: winston.format.combine(winston.format.timestamp(), winston.format.json()) }));
app.use((err, req, res, next) => res.status(500).json({ error: err.message }));
const s = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => s.close(() => process.exit(0)));
JS
cat > apps/restify.js <<'JS'
const restify = require('restify'); const bunyan = require('bunyan');
const log = bunyan.createLogger({ name: 'inventory-api', level: 'info' });
const server = restify.createServer({ name: 'inventory-api', log });
server.use(restify.plugins.bodyParser());
server.on('after', restify.plugins.auditLogger({ log, event: 'after', printLog: true }));
server.get('/items/:id', (req, res, next) => { if (req.params.id < 3) { res.send({ id: req.params.id }); return next(); } req.log.warn({ id: req.params.id }, 'item not found'); return next(new (require('restify-errors').NotFoundError)('item not found')); });
server.post('/items', (req, res, next) => { res.send(201, { id: 3 }); next(); });
server.get('/boom', (req, res, next) => next(new Error('database connection lost')));
server.get('/slow', (req, res, next) => setTimeout(() => { res.send({ ok: true }); next(); }, 150));
server.listen(Number(process.env.PORT), '127.0.0.1', () => log.info('%s listening at %s', server.name, server.url));
process.on('SIGTERM', () => server.close(() => { log.info('server closed'); process.exit(0); }));
JS
cat > apps/debug.js <<'JS'
const express = require('express'); const morgan = require('morgan');
const app = express(); app.use(morgan(process.env.MORGAN || 'dev')); app.use(express.json());
const r = express.Router();
r.get('/items/:id', (req, res) => (req.params.id < 3 ? res.json({ id: req.params.id }) : res.status(404).json({ error: 'not found' })));
r.post('/items', (req, res) => res.status(201).json({ id: 3 }));
r.get('/boom', () => { throw new Error('database connection lost'); });
r.get('/slow', (req, res) => setTimeout(() => res.json({ ok: true }), 150));
app.use('/', r);
app.use(express.static(__dirname));
const s = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => s.close(() => process.exit(0)));
JS
traffic() {
  local U=http://127.0.0.1:$1
  for i in $(seq 1 ${2:-60}); do
    curl -s -o /dev/null $U/items/$((i % 5))
    case $((i % 7)) in
      0) curl -s -o /dev/null -X POST -H 'content-type: application/json' -d "{\"name\":\"item$i\"}" $U/items ;;
      2) curl -s -o /dev/null $U/boom ;;
      3) curl -s -o /dev/null $U/slow ;;
      4) curl -s -o /dev/null -X POST -H 'content-type: application/json' -d '{"name":' $U/items ;;
      5) curl -s -o /dev/null $U/favicon.ico ;;
    esac
  done
}
run() { # name port cmd...
  local name=$1 port=$2; shift 2
  PORT=$port "$@" > logs/$name.log 2>&1 &
  local pid=$!
  for i in $(seq 1 40); do curl -s -o /dev/null http://127.0.0.1:$port/ && break; sleep 0.25; done
  traffic $port ${N:-60}
  kill -TERM $pid; wait $pid 2>/dev/null
}
npm ls restify-errors >/dev/null 2>&1 || true
N=150 run pino 18101 node apps/fastify.js
N=80 run winston 18102 node apps/winston.js
N=25 run bunyan 18103 node apps/restify.js
N=25 DEBUG='express:*' run debug 18104 node apps/debug.js
N=80 run morgan 18105 node apps/debug.js
V() { node -p "require('$W/node_modules/$1/package.json').version"; }
source /work/main/bench/corpus/tools/lst-lib.sh
L1="output of a small server run on this machine; the log lines are written by"
mkcase log fastify-pino-json-request-log logs/pino.log npm:pino "pino JSON lines (fastify logger)" "pino $(V pino) via fastify $(V fastify), node $(node --version)" \
  "PORT=18101 node apps/fastify.js > pino.log 2>&1; curl loop (see tools/lst-nodeapps.sh)" "$L1 pino (MIT) and fastify (MIT); no third-party content" \
  "JSON lines: level = the numeric pino level (>=40 is WARN or above), template = level + msg; needle = the line from its \"msg\" member on."
mkcase log express-winston-json-request-log logs/winston.log npm:express-winston "winston JSON lines (express-winston)" "express-winston $(V express-winston), winston $(V winston), express $(V express)" \
  "PORT=18102 node apps/winston.js > winston.log 2>&1; curl loop (see tools/lst-nodeapps.sh)" "$L1 winston/express-winston (MIT); no third-party content" \
  "JSON lines: level = the level member, template = level + message; needle = the line from its \"message\" member on."
mkcase log restify-bunyan-audit-log logs/bunyan.log npm:bunyan "bunyan JSON lines (restify auditLogger)" "bunyan $(V bunyan), restify $(V restify)" \
  "PORT=18103 node apps/restify.js > bunyan.log 2>&1; curl loop (see tools/lst-nodeapps.sh)" "$L1 bunyan and restify (MIT); no third-party content" \
  "JSON lines: level = the numeric bunyan level (>=40 is WARN or above), template = level + msg; needle = the line from its \"msg\" member on."
mkcase log express-debug-namespace-trace logs/debug.log npm:debug "debug module stderr (DEBUG=express:*) + morgan dev" "debug $(V debug), express $(V express)" \
  "DEBUG='express:*' PORT=18104 node apps/debug.js > debug.log 2>&1; curl loop (see tools/lst-nodeapps.sh)" "$L1 debug and express (MIT); no third-party content" ""
mkcase log morgan-dev-colored-request-log logs/morgan.log npm:morgan "morgan dev format (ANSI colors)" "morgan $(V morgan), express $(V express)" \
  "PORT=18105 node apps/debug.js > morgan.log 2>&1; curl loop (see tools/lst-nodeapps.sh)" "$L1 morgan and express (MIT); no third-party content" \
  "stdout and stderr in one stream (2>&1): morgan's request lines and express's default error handler stack traces." --access
