import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Job } from '../../src/schemas/job.js'

/** Every job in the data dir's segment files, read from disk (not from the server's memory). */
export async function storedJobs (dataDir: string): Promise<Job[]> {
  const dir = join(dataDir, 'jobs')
  const files = (await readdir(dir)).filter((f) => /^segment-\d+\.json$/.test(f)).sort()
  const jobs: Job[] = []
  for (const file of files) {
    const data = JSON.parse(await readFile(join(dir, file), 'utf8')) as { jobs: Job[] }
    jobs.push(...data.jobs)
  }
  return jobs
}

/** The job with this ID as stored on disk; undefined when no segment file holds it. */
export async function storedJob (dataDir: string, id: string): Promise<Job | undefined> {
  return (await storedJobs(dataDir)).find((job) => job.JobID === id)
}
