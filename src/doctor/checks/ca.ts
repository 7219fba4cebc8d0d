import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Finding, note, octal, ok, problem } from '../types.js';

// The certificate authority `headroom wrap cursor` makes once per user
// (src/wrap/mitm/ca.ts): its key must stay owner-only.

export function checkCa(dataDir: string, now = new Date()): Finding[] {
  const dir = path.join(dataDir, 'mitm-ca');
  const certFile = path.join(dir, 'ca', 'certs', 'ca.pem');
  const keysDir = path.join(dir, 'ca', 'keys');
  if (!fs.existsSync(certFile)) return [ok('mitm-ca', `none yet in ${dir} (the first headroom wrap cursor makes it)`, { dir, exists: false })];
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(fs.readFileSync(certFile));
  } catch (err) {
    return [problem('mitm-ca', `${certFile} cannot be read as a certificate: ${err instanceof Error ? err.message : String(err)}`, `rm -r ${dir}   (the next headroom wrap cursor makes a new one)`)];
  }
  const out: Finding[] = [];
  const validTo = new Date(cert.validTo);
  const data = { dir, exists: true, validTo: validTo.toISOString(), subject: cert.subject.replace(/\n/g, ', ') };
  out.push(
    validTo > now
      ? ok('mitm-ca', `${certFile}: valid until ${validTo.toISOString().slice(0, 10)}, trusted only by the agents headroom wrap cursor starts`, data)
      : note('mitm-ca', `${certFile} expired on ${validTo.toISOString().slice(0, 10)}: the next headroom wrap cursor replaces it`, data),
  );
  let keys: string[] = [];
  try {
    keys = fs.readdirSync(keysDir).map((k) => path.join(keysDir, k));
  } catch {
    // no keys folder: the next run rebuilds the CA
  }
  for (const file of [dir, path.join(dir, 'ca'), keysDir, ...keys]) {
    let mode: number;
    try {
      mode = fs.statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o077) !== 0) out.push(problem('mitm-ca', `${file} is ${octal(mode)}: the CA's private key must be the owner's alone`, `chmod ${fs.statSync(file).isDirectory() ? '700' : '600'} ${file}`, { file, mode: octal(mode) }));
  }
  return out;
}
