import Fastify, { type FastifyInstance } from 'fastify'
import { loadTls } from '../../src/tls.js'

/**
 * What the reference servers (bare-server.ts, durable-floor-server.ts) share: their
 * arguments (port, data dir, `http` or `tls`), a plain Fastify app, and listening until
 * SIGTERM. Not part of the product.
 */
export async function referenceApp (): Promise<{ app: FastifyInstance, dataDir: string, listen: () => Promise<void> }> {
  const [portText = '0', dataDir = './data', mode = 'http'] = process.argv.slice(2)
  const https = mode === 'tls' ? await loadTls({ dataDir }) : undefined
  const app = (https !== undefined ? Fastify({ https }) : Fastify()) as unknown as FastifyInstance
  const listen = async (): Promise<void> => {
    await app.listen({ port: Number(portText), host: '127.0.0.1' })
    process.stdout.write('Server listening\n')
    process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
  }
  return { app, dataDir, listen }
}
