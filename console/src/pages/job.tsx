import { useEffect, useState } from 'preact/hooks'
import { Progress, Section, Status } from '../components.js'
import { dateTime } from '../format.js'
import { href } from '../router.js'
import { jobs, read, runs, session } from '../store.js'
import type { ConsoleJob, ConsoleRun } from '../types.js'

export function JobPage ({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<{ job: ConsoleJob, runs: ConsoleRun[] } | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    setLoaded(undefined)
    read<{ job: ConsoleJob, runs: ConsoleRun[] }>(`/jobs/${encodeURIComponent(id)}`).then((page) => { if (live) setLoaded(page ?? null) }).catch(() => { if (live) setLoaded(null) })
    return () => { live = false }
  }, [id, session.value])
  const job = jobs.value.find((j) => j.id.toLowerCase() === id.toLowerCase()) ?? loaded?.job
  if (loaded === undefined && job === undefined) return <p class="muted">Loading…</p>
  if (job === undefined) return <Section title="Job not found"><p>No job <code>{id}</code> in this data set. <a href={href('jobs')}>All jobs</a></p></Section>
  // Runs fetched with the page, then kept current by the stream.
  const merged = new Map((loaded?.runs ?? []).map((run) => [run.id, run]))
  for (const run of runs.value.values()) if (run.jobId.toLowerCase() === job.id.toLowerCase()) merged.set(run.id, run)
  const list = [...merged.values()].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt))
  return (
    <>
      <Section title={job.name}>
        <dl class="facts">
          <div><dt>Type</dt><dd>{job.category}</dd></div>
          <div><dt>Schedule</dt><dd>{job.schedule}</dd></div>
          <div><dt>Next run</dt><dd class="num">{dateTime(job.nextRun)}</dd></div>
          <div><dt>Targets</dt><dd>{job.targets} asset(s) or group(s), {job.standards} standard(s)</dd></div>
          <div><dt>Created</dt><dd>{dateTime(job.createdAt)} by {job.createdBy}</dd></div>
          <div><dt>Job ID</dt><dd><code>{job.id}</code></dd></div>
        </dl>
      </Section>
      <Section title="Runs">
        <table class="grid-table job-runs">
          <colgroup><col class="w-time" /><col class="w-type" /><col class="w-status" /><col class="w-progress" /><col class="w-time" /><col class="w-action" /></colgroup>
          <thead><tr><th scope="col">Queued</th><th scope="col">Trigger</th><th scope="col">Status</th><th scope="col">Progress</th><th scope="col">Ended</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {list.map((run) => (
              <tr key={run.id} data-run={run.id}>
                <td class="num">{dateTime(run.queuedAt)}</td>
                <td>{run.trigger} <span class="muted">({run.requestedBy})</span></td>
                <td><Status value={run.status} /></td>
                <td><Progress value={run.progress} label={`Run queued ${dateTime(run.queuedAt)}: progress`} /></td>
                <td class="num">{dateTime(run.endedAt)}</td>
                <td><a href={href('runs', run.id)}>Assets, messages, results</a></td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.length === 0 ? <p class="muted">This job has not run yet.</p> : null}
      </Section>
    </>
  )
}
