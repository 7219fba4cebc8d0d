import fs from 'node:fs';
import tls from 'node:tls';
import type { Env } from './types.js';

/**
 * The CA bundle for SSL_CERT_FILE: everything the child trusted before, plus
 * headroom's CA. SSL_CERT_FILE replaces a program's whole trust store, so our
 * CA alone would make every other site fail.
 */
export function caBundle(env: Env, ourCaPem: string): string {
  const candidates = [env.SSL_CERT_FILE, '/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];
  let system: string | undefined;
  for (const file of candidates) {
    if (!file) continue;
    try {
      system = fs.readFileSync(file, 'utf8');
      break;
    } catch {
      // try the next place distributions keep it
    }
  }
  system ??= tls.rootCertificates.join('\n');
  return `${system.trimEnd()}\n${ourCaPem.trimEnd()}\n`;
}
