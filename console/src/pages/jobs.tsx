import { LastRun, Section } from '../components.js'
import { dateTime, relative } from '../format.js'
import { href } from '../router.js'
import { jobs, now, state } from '../store.js'

export function JobsPage () {
  const list = jobs.value
  const total = Math.max(state.value?.jobCount ?? 0, list.length)
  return (
    <Section title="Jobs" actions={<span class="muted">{total === list.length ? `${total} jobs` : `newest ${list.length} of ${total} jobs`}</span>}>
      <table class="grid-table jobs">
        <colgroup><col class="w-name" /><col class="w-type" /><col class="w-wide" /><col class="w-time" /><col class="w-status" /></colgroup>
        <thead>
          <tr><th scope="col">Job</th><th scope="col">Type</th><th scope="col">Schedule</th><th scope="col">Next run</th><th scope="col">Last run</th></tr>
        </thead>
        <tbody>
          {list.map((job) => (
            <tr key={job.id} data-job={job.id}>
              <td><a href={href('jobs', job.id)}>{job.name}</a></td>
              <td>{job.category}</td>
              <td>{job.schedule}</td>
              <td class="num">{job.nextRun === null ? <span class="muted">none</span> : <>{dateTime(job.nextRun)} <span class="muted">{relative(job.nextRun, now.value)}</span></>}</td>
              <td><LastRun job={job} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 0 ? <p class="muted">No jobs yet. Create one through the CCS API (POST /ccs/api/v1/jobs).</p> : null}
    </Section>
  )
}
