import { randomUUID } from 'node:crypto'
import { closeSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { referenceApp } from './reference-app.js'

/**
 * The least a durable create can cost on Fastify: the bare route plus what a 200 that
 * means "on disk" needs and nothing else. It parses the JSON body, keeps it in memory
 * under a new JobID, and answers once the record is in a file: one append per group of
 * requests that arrived in the same turn of the event loop, and every 100 records
 * rewritten as one JSON document (temp file + rename) before the tail starts over.
 * No validation, no auth. Not part of the product.
 */
const { app, dataDir, listen } = await referenceApp()
const tail = join(dataDir, 'tail.jsonl')
const jobs = new Map<string, object>()
let group: Array<{ text: string, written: () => void }> = []
let unfolded: string[] = []
let segment = 0

function writeGroup (): void {
  const writing = group
  group = []
  const fd = openSync(tail, 'a')
  try {
    writeSync(fd, writing.map((g) => g.text).join(''))
  } finally {
    closeSync(fd)
  }
  for (const g of writing) unfolded.push(g.text)
  if (unfolded.length >= 100) {
    const file = join(dataDir, `segment-${++segment}.json`)
    writeFileSync(`${file}.tmp`, `{"jobs":[${unfolded.join(',')}]}`)
    renameSync(`${file}.tmp`, file)
    writeFileSync(tail, '')
    unfolded = []
  }
  for (const g of writing) g.written()
}

app.post('/uuid', async (request) => {
  const job = { ...(request.body as object), JobID: randomUUID() }
  jobs.set(job.JobID, job)
  await new Promise<void>((resolve) => {
    if (group.length === 0) setImmediate(writeGroup)
    group.push({ text: JSON.stringify(job), written: resolve })
  })
  return { JobID: job.JobID }
})
await listen()
