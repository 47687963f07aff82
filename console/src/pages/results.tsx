import { useState } from 'preact/hooks'
import { ResultsTable, ScoreChart, Section } from '../components.js'
import { dateTime } from '../format.js'
import { runs } from '../store.js'
import { useRunPage } from './run.js'

/** The results of a run: the newest with results unless the presenter picks another. */
export function ResultsPage () {
  const [picked, setPicked] = useState<string | undefined>(undefined)
  const withResults = [...runs.value.values()].filter((run) => run.results > 0).sort((a, b) => (b.endedAt ?? '').localeCompare(a.endedAt ?? ''))
  const chosen = picked ?? withResults[0]?.id
  const page = useRunPage(chosen)
  return (
    <Section
      title="Results"
      actions={
        <label class="inline">Job run{' '}
          <select value={chosen ?? ''} onChange={(e) => { setPicked((e.currentTarget as HTMLSelectElement).value) }}>
            {withResults.map((run) => <option key={run.id} value={run.id}>{run.jobName} — {dateTime(run.endedAt)}</option>)}
          </select>
        </label>
      }
    >
      {chosen === undefined ? <p class="muted">No run has results yet. They appear here when an evaluation ends.</p> : null}
      {page !== undefined && page !== null
        ? <>
            <p class="muted">{page.run.jobName}: {page.results.length} result(s), evaluated {dateTime(page.results[0]?.evaluatedAt)}</p>
            <ScoreChart results={page.results} />
            <ResultsTable results={page.results} />
          </>
        : null}
    </Section>
  )
}
