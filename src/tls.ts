import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'

export interface TlsMaterial {
  key: string
  cert: string
}

export interface TlsOptions {
  dataDir: string
  certFile?: string
  keyFile?: string
  now?: Date
}

async function readIfPresent (path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

/**
 * The given PEM files, or a self-signed certificate for localhost, 127.0.0.1, ::1
 * and this machine's name, generated on first start and kept in `<dataDir>/tls/`.
 */
export async function loadTls (options: TlsOptions): Promise<TlsMaterial> {
  if (options.certFile !== undefined && options.keyFile !== undefined) {
    return { cert: await readFile(options.certFile, 'utf8'), key: await readFile(options.keyFile, 'utf8') }
  }
  const dir = join(options.dataDir, 'tls')
  const certPath = join(dir, 'cert.pem')
  const keyPath = join(dir, 'key.pem')
  const [cert, key] = await Promise.all([readIfPresent(certPath), readIfPresent(keyPath)])
  if (cert !== undefined && key !== undefined) return { cert, key }

  // Loaded only here: the certificate library costs start-up time that most starts never need.
  const { default: selfsigned } = await import('selfsigned')
  const machine = hostname()
  const notBefore = options.now ?? new Date()
  const notAfter = new Date(notBefore)
  notAfter.setFullYear(notAfter.getFullYear() + 10)
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'ccs-mock' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2 as const, value: 'localhost' },
          ...(machine !== '' && machine !== 'localhost' ? [{ type: 2 as const, value: machine }] : []),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' }
        ]
      }
    ]
  })
  await mkdir(dir, { recursive: true })
  await writeFile(keyPath, pems.private, { mode: 0o600 })
  await writeFile(certPath, pems.cert)
  return { cert: pems.cert, key: pems.private }
}
