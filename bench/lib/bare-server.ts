import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import { loadTls } from '../../src/tls.js'

/** The framework ceiling: a bare Fastify route returning a fresh UUID. Not part of the product. */
const [portText = '0', dataDir = './data', mode = 'http'] = process.argv.slice(2)
const https = mode === 'tls' ? await loadTls({ dataDir }) : undefined
const app = (https !== undefined ? Fastify({ https }) : Fastify()) as unknown as FastifyInstance
app.post('/uuid', async () => ({ JobID: randomUUID() }))
app.get('/uuid', async () => ({ JobID: randomUUID() }))
await app.listen({ port: Number(portText), host: '127.0.0.1' })
process.stdout.write('Server listening\n')
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
