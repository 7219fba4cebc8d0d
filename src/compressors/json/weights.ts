import { type JNode, Kind } from './node.js';

// How much a member is worth to a reader, from its name and its value. Errors,
// statuses, counts and names weigh most; URLs, hashes, timestamps and headers
// least: they are unique in every record and say little. The weights are
// multiplied along a path, so a fact deep in the tree weighs less than one at
// the top.

export const ERROR_KEYS = new Set([
  'error', 'errors', 'err', 'exception', 'exceptions', 'message', 'messages', 'msg', 'stderr', 'traceback',
  'stacktrace', 'stack', 'reason', 'detail', 'details', 'is_error', 'iserror', 'exit_code', 'exitcode',
  'returncode', 'status', 'statuscode', 'status_code', 'code', 'failure', 'failures', 'warning', 'warnings',
]);
// Counts summarise a whole collection in one number: as telling as a status.
export const COUNT_KEYS = new Set(['total', 'total_count', 'totalcount', 'count', 'num_results', 'hits']);
export const IDENT_KEYS = new Set([
  'method', 'verb', 'path', 'route', 'endpoint', 'name', 'title', 'type', 'kind', 'state', 'command',
  'cmd', 'file_path', 'filepath', 'filename', 'file', 'query', 'conclusion', 'version', 'severity',
  'summary', 'label', 'level', 'result', 'tool_use_id', 'role', 'key', 'number', 'id', 'login', 'sha',
]);
const LOW_KEYS = new Set(['etag', 'node_id', 'gravatar_id', 'signature', 'checksum', 'integrity', 'shasum', '_links', 'links', 'usage']);

/** Weight of a member of an ordinary object, by its name. */
export function keyWeight(lname: string, isContainer: boolean): number {
  if (ERROR_KEYS.has(lname)) return 1;
  if (COUNT_KEYS.has(lname)) return 0.94;
  if (IDENT_KEYS.has(lname)) return 0.9;
  if (LOW_KEYS.has(lname) || lname.endsWith('headers')) return 0.15;
  if (isUrlKey(lname) || isTimeKey(lname)) return 0.3;
  // A container is only a path to its members: a mild decay keeps shallow facts first.
  return isContainer ? 0.92 : 0.55;
}

export function isUrlKey(lname: string): boolean {
  return lname.endsWith('url') || lname.endsWith('href');
}

function isTimeKey(lname: string): boolean {
  return lname.endsWith('_at') || lname.endsWith('timestamp') || lname.endsWith('time') || lname.endsWith('date');
}

// Ids, hashes and timestamps are unique in every record and say little.
const OPAQUE = /^"(?:[0-9a-f]{8}-[0-9a-f]{4}-|[0-9a-f]{16,}"|\d{4}-\d\d-\d\d[T ]\d|[A-Za-z]+_[0-9A-Za-z]{16,}"|sha\d+-)/;

/** An id, hash or timestamp: a value that names nothing a reader recognises. */
export function isOpaque(raw: string): boolean {
  return raw.charCodeAt(0) === 34 && OPAQUE.test(raw.length > 80 ? raw.slice(0, 80) : raw);
}

export function isUrl(raw: string): boolean {
  return raw.startsWith('"http://') || raw.startsWith('"https://');
}

/** null, "", [] or {}: nothing to read. */
export function isEmpty(n: JNode): boolean {
  return n.kind === Kind.Scalar ? n.raw === 'null' || n.raw === '""' : n.kids.length === 0;
}

export function valueWeight(n: JNode): number {
  if (n.kind !== Kind.Scalar) return n.kids.length === 0 ? 0.5 : 1;
  const r = n.raw;
  if (r === 'null' || r === '""' || r === 'false') return 0.6;
  if (isOpaque(r)) return 0.4;
  return 1;
}

/** True for an object that records a failure: an error field, status >= 400, is_error, a non-zero exit. */
export function isAnomaly(n: JNode): boolean {
  for (const k of n.kids) {
    const name = k.lname;
    const r = k.raw;
    if (name === 'status' || name === 'statuscode' || name === 'status_code') {
      const v = Number(r.charCodeAt(0) === 34 ? r.slice(1, -1) : r);
      if (v >= 400 && v < 600) return true;
    } else if (name === 'error' || name === 'errors' || name === 'exception' || name === 'err') {
      if (k.kind === Kind.Scalar ? r !== 'null' && r !== 'false' && r !== '""' : k.kids.length > 0) return true;
    } else if (name === 'is_error' || name === 'iserror') {
      if (r === 'true') return true;
    } else if (name === 'exit_code' || name === 'exitcode' || name === 'returncode') {
      if (k.kind === Kind.Scalar && r !== '0' && r !== 'null') return true;
    } else if (name === 'level' || name === 'severity' || name === 'error_severity') {
      if (/^"(?:error|fatal|critical|err|panic)"$/i.test(r)) return true;
      // pino and bunyan levels: 50 error, 60 fatal.
      if (name === 'level' && (r === '50' || r === '60')) return true;
    }
  }
  return false;
}
