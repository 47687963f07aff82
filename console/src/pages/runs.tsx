import { AssetPhases, Progress, Section, Status } from '../components.js'
import { dateTime } from '../format.js'
import { href } from '../router.js'
import { runs } from '../store.js'

const inFlight = (status: string): boolean => status === 'Queued' || status === 'Running'

export function RunsPage () {
  const all = [...runs.value.values()].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt))
  const running = all.filter((run) => inFlight(run.status))
  const ended = all.filter((run) => !inFlight(run.status))
  return (
    <>
      <Section title="Running now" actions={<span class="muted">{running.length === 0 ? 'nothing runs' : `${running.length} run(s)`}</span>}>
        {running.length === 0 ? <p class="muted">No job is running. Runs appear here the moment they are queued.</p> : null}
        {running.map((run) => (
          <article key={run.id} class="run-card" data-run={run.id} aria-label={`${run.jobName}, ${run.status}`}>
            <header>
              <h3><a href={href('runs', run.id)}>{run.jobName}</a></h3>
              <Status value={run.status} />
              <Progress value={run.progress} label={`${run.jobName}: progress`} />
              <span class="muted">{run.trigger}, queued {dateTime(run.queuedAt)}</span>
            </header>
            <AssetPhases run={run} />
          </article>
        ))}
      </Section>
      <Section title="Ended">
        <table class="grid-table ended">
          <colgroup><col class="w-name" /><col class="w-status" /><col class="w-type" /><col class="w-time" /><col class="w-num" /><col class="w-action" /></colgroup>
          <thead><tr><th scope="col">Job</th><th scope="col">Status</th><th scope="col">Trigger</th><th scope="col">Ended</th><th scope="col" class="r">Messages</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {ended.map((run) => (
              <tr key={run.id} data-run={run.id}>
                <td>{run.jobName}</td>
                <td><Status value={run.status} /></td>
                <td>{run.trigger}</td>
                <td class="num">{dateTime(run.endedAt)}</td>
                <td class="r num">{run.messages.length}</td>
                <td><a href={href('runs', run.id)}>{run.results > 0 ? 'Results' : 'Details'}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  )
}
