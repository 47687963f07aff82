import { useEffect, useState } from 'preact/hooks'
import { AssetPhases, Messages, Progress, ResultsTable, ScoreChart, Section, Status } from '../components.js'
import { dateTime } from '../format.js'
import { href } from '../router.js'
import { read, runs, session } from '../store.js'
import type { ConsoleResult, ConsoleRun } from '../types.js'

export interface RunPageData { run: ConsoleRun, results: ConsoleResult[] }

/** A run's page, fetched once and again when the stream says its results have arrived. */
export function useRunPage (id: string | undefined): RunPageData | null | undefined {
  const [page, setPage] = useState<RunPageData | null | undefined>(undefined)
  const live = id === undefined ? undefined : runs.value.get(id)
  const resultCount = live?.results ?? 0
  useEffect(() => {
    if (id === undefined) return undefined
    let current = true
    read<RunPageData>(`/runs/${encodeURIComponent(id)}`).then((data) => { if (current) setPage(data ?? null) }).catch(() => { if (current) setPage(null) })
    return () => { current = false }
  }, [id, resultCount, session.value])
  if (page === undefined || page === null || live === undefined) return page
  return { ...page, run: live }
}

export function RunPage ({ id }: { id: string }) {
  const page = useRunPage(id)
  if (page === undefined) return <p class="muted">Loading…</p>
  if (page === null) return <Section title="Run not found"><p>No job run <code>{id}</code> in this data set. <a href={href('runs')}>All runs</a></p></Section>
  const { run, results } = page
  return (
    <>
      <Section title={`${run.jobName} — run`} actions={<a href={href('jobs', run.jobId)}>The job</a>}>
        <div class="run-head">
          <Status value={run.status} />
          <Progress value={run.progress} label="Progress" />
          <span class="muted">{run.trigger} by {run.requestedBy} · queued {dateTime(run.queuedAt)} · started {dateTime(run.startedAt)} · ended {dateTime(run.endedAt)}</span>
        </div>
        <AssetPhases run={run} />
      </Section>
      <Section title="Results">
        {results.length > 0 ? <ScoreChart results={results} /> : null}
        <ResultsTable results={results} />
      </Section>
      <Section title="Messages"><Messages run={run} /></Section>
    </>
  )
}
