// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

/** The TLS files of a local run: a CA clients trust, and the server's certificate and key. */
export interface LocalTls {
  /** CA certificate (PEM): what `.simpul/nats.json` names as `ca`. */
  caFile: string;
  certFile: string;
  keyFile: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
/** What x509 expects of a key pair (WebCrypto's, as node:crypto provides it). */
type KeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'];
const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * A local certificate authority for dev and demo runs (`<dir>/ca.pem`) and a server certificate it
 * signed for 127.0.0.1 and localhost (for clients, routes and leaf nodes). Made once and reused;
 * remade when the server certificate expires within 30 days or predates the clientAuth usage routes need. Production uses the agencies' own PKI: point the server config at it.
 * Private keys are written 0600 and never leave `dir`; the CA key signs nothing else.
 */
export async function ensureLocalTls(dir: string): Promise<LocalTls> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files: LocalTls = {
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server-key.pem'),
  };
  if (
    [files.caFile, files.certFile, files.keyFile].every((f) => existsSync(f)) &&
    !expiresSoon(files.certFile) &&
    authenticatesBothWays(files.certFile)
  ) {
    return files;
  }
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const subtle = webcrypto.subtle;
  const now = new Date(Date.now() - 60_000);
  const caKeys = (await subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as KeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Simpul local development CA, O=Simpul',
    keys: caKeys,
    notBefore: now,
    notAfter: new Date(now.getTime() + 5 * YEAR_MS),
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = (await subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as KeyPair;
  const server = await x509.X509CertificateGenerator.create({
    subject: 'CN=localhost, O=Simpul',
    issuer: ca.subject,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    notBefore: now,
    notAfter: new Date(now.getTime() + YEAR_MS),
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      // clientAuth too: hub nodes present this certificate to each other on routes, where
      // nats-server requires and verifies a client certificate.
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.serverAuth,
        x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', serverKeys.privateKey as webcrypto.CryptoKey));
  writeFileSync(files.caFile, ca.toString('pem') + '\n');
  writeFileSync(files.certFile, server.toString('pem') + '\n');
  writeFileSync(files.keyFile, toPem('PRIVATE KEY', pkcs8), { mode: 0o600 });
  return files;
}

function toPem(label: string, der: Buffer): string {
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

function expiresSoon(certFile: string): boolean {
  try {
    const cert = new x509.X509Certificate(readFileSync(certFile, 'utf8'));
    return cert.notAfter.getTime() - Date.now() < 30 * 24 * 3600 * 1000;
  } catch {
    return true;
  }
}

/** True when the certificate may also authenticate a TLS client (a hub node dialling a route). */
function authenticatesBothWays(certFile: string): boolean {
  try {
    const cert = new x509.X509Certificate(readFileSync(certFile, 'utf8'));
    const usage = cert.getExtension(x509.ExtendedKeyUsageExtension);
    return usage?.usages.includes(x509.ExtendedKeyUsage.clientAuth) ?? false;
  } catch {
    return false;
  }
}
