import { X509Certificate, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { CA } from 'http-mitm-proxy/dist/lib/ca.js';

// One certificate authority per user, made on first use and reused, so the file
// children trust (NODE_EXTRA_CA_CERTS) stays the same from run to run. Files are
// in http-mitm-proxy's `sslCaDir` layout (certs/ca.pem, keys/ca.private.key,
// keys/ca.public.key, then certs/<host>.pem and keys/<host>.key per host) inside
// one subfolder, `ca/`, so a new CA replaces a broken one with a single rename
// and two first runs at once cannot mix one's certificate with the other's key.
// The keys are the one secret this feature creates: folders 0700, key files
// 0600, and nothing here prints.

const STORE = 'ca';
/** Renewed this long before expiry, so a session never outlives its certificates. */
const RENEW_MS = 7 * 24 * 3600 * 1000;

export interface CaFiles {
  /** The CA certificate (PEM) to hand to the child: NODE_EXTRA_CA_CERTS, or appended to an SSL_CERT_FILE bundle. */
  readonly caCertFile: string;
  /** True when this call made a new CA (first run, or the old one was corrupt or expiring). */
  readonly created: boolean;
}

export interface CaOptions {
  /** The clock expiry is judged by; tests move it. */
  readonly now?: Date;
}

export interface HostCert {
  readonly key: string;
  readonly cert: string;
}

/** The folder http-mitm-proxy is given as `sslCaDir`. */
export function caStoreDir(dir: string): string {
  return path.join(dir, STORE);
}

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * Hosts we can mint a certificate for. The name also becomes a file name, so
 * anything else (IPv6 literals, odd bytes, "../") is never decrypted: the
 * caller tunnels it unread instead.
 */
export function isCertifiableHost(host: string): boolean {
  return isIP(host) === 4 || (DNS_NAME.test(host) && !/^[\d.]+$/.test(host));
}

const errCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

async function privateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700); // mkdir leaves an existing folder's mode alone
}

function outlives(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validFrom) <= now && new Date(cert.validTo).getTime() - RENEW_MS > now.getTime();
}

/** False for anything missing, unparsable, mismatched or near expiry: all mean "make a new one". */
async function usableCa(store: string, now: Date): Promise<boolean> {
  try {
    const [certPem, keyPem, pubPem] = await Promise.all([
      fs.readFile(path.join(store, 'certs', 'ca.pem'), 'utf8'),
      fs.readFile(path.join(store, 'keys', 'ca.private.key'), 'utf8'),
      fs.readFile(path.join(store, 'keys', 'ca.public.key'), 'utf8'),
    ]);
    const cert = new X509Certificate(certPem);
    return cert.ca && cert.checkPrivateKey(createPrivateKey(keyPem)) && createPublicKey(pubPem).equals(cert.publicKey) && outlives(cert, now);
  } catch {
    return false;
  }
}

/** Folders 0700 and every key file 0600, whoever wrote them (http-mitm-proxy writes with the default mode). */
async function lockDown(store: string): Promise<void> {
  for (const sub of ['', 'certs', 'keys']) await privateDir(path.join(store, sub));
  for (const name of await fs.readdir(path.join(store, 'keys'))) await fs.chmod(path.join(store, 'keys', name), 0o600);
}

function createCa(folder: string): Promise<void> {
  return new Promise((resolve, reject) => CA.create(folder, (err: Error | null) => (err ? reject(err) : resolve())));
}

/** Builds a CA in a private staging folder, then renames it into place. */
async function install(dir: string, store: string, now: Date): Promise<void> {
  const staging = path.join(dir, `.new-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    for (const sub of ['', 'certs', 'keys']) await privateDir(path.join(staging, sub));
    await createCa(staging);
    await lockDown(staging);
    // The old CA goes aside first: rename cannot replace a folder that has files.
    if (!(await usableCa(store, now))) {
      const old = path.join(dir, `.old-${process.pid}-${randomBytes(4).toString('hex')}`);
      await fs.rename(store, old).then(
        () => fs.rm(old, { recursive: true, force: true }),
        (err: unknown) => {
          if (errCode(err) !== 'ENOENT') throw err;
        },
      );
    }
    await fs.rename(staging, store).catch((err: unknown) => {
      // Another headroom installed its CA in between: use that one.
      if (errCode(err) !== 'ENOTEMPTY' && errCode(err) !== 'EEXIST') throw err;
    });
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/**
 * Makes sure `dir` holds a usable CA, generating one only when there is none or
 * it is corrupt or about to expire. Safe to call on every run.
 */
export async function ensureCa(dir: string, options: CaOptions = {}): Promise<CaFiles> {
  const now = options.now ?? new Date();
  const store = caStoreDir(dir);
  await privateDir(dir);
  let created = false;
  if (!(await usableCa(store, now))) {
    await install(dir, store, now);
    created = true;
  }
  await lockDown(store);
  return { caCertFile: path.join(store, 'certs', 'ca.pem'), created };
}

/** Opens (creating or truncating) a file that will hold key material, 0600 before any byte is in it. */
async function touchPrivate(file: string): Promise<void> {
  const handle = await fs.open(file, 'w', 0o600);
  try {
    await handle.chmod(0o600);
  } finally {
    await handle.close();
  }
}

async function cachedHostCert(ca: CA, host: string, now: Date): Promise<HostCert | undefined> {
  try {
    const [key, cert, caPem] = await Promise.all([
      fs.readFile(path.join(ca.keysFolder, `${host}.key`), 'utf8'),
      fs.readFile(path.join(ca.certsFolder, `${host}.pem`), 'utf8'),
      fs.readFile(ca.getCACertPath(), 'utf8'),
    ]);
    const x509 = new X509Certificate(cert);
    const issuer = new X509Certificate(caPem);
    const names = isIP(host) ? x509.checkIP(host) : x509.checkHost(host);
    const ok = x509.checkIssued(issuer) && x509.verify(issuer.publicKey) && x509.checkPrivateKey(createPrivateKey(key)) && names !== undefined && outlives(x509, now);
    return ok ? { key, cert } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A server certificate for `host` signed by the loaded CA: the one on disk while
 * it is valid, else a new one (http-mitm-proxy saves it; its key files are
 * created 0600 here first, since the library writes with the default mode).
 * `host` must pass isCertifiableHost: it becomes a file name.
 */
export async function hostCert(ca: CA, host: string, options: CaOptions = {}): Promise<HostCert> {
  if (!isCertifiableHost(host)) throw new TypeError('not a host name we certify');
  const cached = await cachedHostCert(ca, host, options.now ?? new Date());
  if (cached) return cached;
  await touchPrivate(path.join(ca.keysFolder, `${host}.key`));
  await touchPrivate(path.join(ca.keysFolder, `${host}.public.key`));
  return new Promise((resolve) => ca.generateServerCertificateKeys(host, (cert: string, key: string) => resolve({ cert, key })));
}
