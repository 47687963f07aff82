import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { referenceApp } from './reference-app.js'

/**
 * The framework ceiling: a bare Fastify route returning a fresh UUID. Not part of the
 * product. `GET /answers/<name>` returns, in turn, the texts in `<dataDir>/answers/<name>.json`
 * (a JSON array of strings), made once: the floor under any server sending those bytes.
 */
const { app, dataDir, listen } = await referenceApp()
app.post('/uuid', async () => ({ JobID: randomUUID() }))
app.get('/uuid', async () => ({ JobID: randomUUID() }))

const answersDir = join(dataDir, 'answers')
const answers = new Map<string, { texts: string[], next: number }>()
if (existsSync(answersDir)) {
  for (const file of readdirSync(answersDir).filter((name) => name.endsWith('.json'))) {
    answers.set(basename(file, '.json'), { texts: JSON.parse(readFileSync(join(answersDir, file), 'utf8')) as string[], next: 0 })
  }
}
app.get<{ Params: { name: string } }>('/answers/:name', async (request, reply) => {
  const set = answers.get(request.params.name)
  if (set === undefined) return reply.code(404).send()
  const text = set.texts[set.next] as string
  set.next = (set.next + 1) % set.texts.length
  // A string with its content type set is sent as it is, unserialized.
  reply.type('application/json; charset=utf-8')
  return text
})

await listen()
