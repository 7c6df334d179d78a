import { X509Certificate, createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

/** The committed self-signed test certificate (CN=chatgpt.com; SAN chatgpt.com, chat.openai.com, localhost, 127.0.0.1). */
export const CERT_PEM = readFileSync(new URL('./cert/cert.pem', import.meta.url), 'utf8')
export const KEY_PEM = readFileSync(new URL('./cert/key.pem', import.meta.url), 'utf8')

/** base64(sha256(SPKI DER)), the form Chromium's --ignore-certificate-errors-spki-list takes. */
export function spkiSha256(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('base64')
}
