import type { ComponentChildren } from 'preact'
import { useEffect } from 'preact/hooks'
import { dateOnly, dateTime, timeOnly } from './format.js'
import { clock, now, runs, tick } from './store.js'
import type { ConsoleJob, ConsoleResult, ConsoleRun } from './types.js'

type Phase = ConsoleRun['assets'][number]['collection']

const TONE: Record<string, string> = {
  Completed: 'good', Succeeded: 'good', Sent: 'good', Passed: 'good',
  Running: 'busy', Queued: 'wait', Pending: 'wait', NotRun: 'idle', Skipped: 'idle', NotConfigured: 'idle',
  CompletedWithErrors: 'warn', TimedOut: 'warn', Aborted: 'warn',
  Failed: 'bad'
}

const LABEL: Record<string, string> = { CompletedWithErrors: 'Completed with errors', TimedOut: 'Timed out', NotRun: 'Not run', NotConfigured: 'Recorded only' }

/** A status in words and colour (the words alone carry the meaning). */
export function Status ({ value }: { value: string }) {
  return <span class={`badge ${TONE[value] ?? 'idle'}`}>{LABEL[value] ?? value}</span>
}

export function Progress ({ value, label }: { value: number, label: string }) {
  return (
    <span class="progress">
      <progress max={100} value={value} aria-label={label} />
      <span class="num">{value}%</span>
    </span>
  )
}

export function PhaseCell ({ phase }: { phase: Phase }) {
  if (phase === null) return <span class="muted">not part of this job</span>
  return (
    <span class="phase" title={phase.message}>
      <Status value={phase.status} />
      <span class="num muted">{phase.endedAt !== null ? timeOnly(Date.parse(phase.endedAt)) : phase.startedAt !== null ? `since ${timeOnly(Date.parse(phase.startedAt))}` : ''}</span>
    </span>
  )
}

/** The job's last run, fresher from the run itself when the stream has sent it. */
export function LastRun ({ job }: { job: ConsoleJob }) {
  const last = job.lastRun
  if (last === null) return <Status value="NotRun" />
  const run = runs.value.get(last.id)
  const status = run?.status ?? last.status
  const progress = run?.progress ?? last.progress
  return (
    <span class="last-run">
      <Status value={status} />
      {status === 'Running' || status === 'Queued' ? <Progress value={progress} label={`${job.name}: progress`} /> : <span class="num muted">{dateTime(last.at)}</span>}
    </span>
  )
}

/** The server clock, running on between events (a display timer: nothing is fetched). */
export function Clock ({ large = false }: { large?: boolean }) {
  useEffect(() => {
    const timer = setInterval(() => { tick.value += 1 }, 1000)
    return () => { clearInterval(timer) }
  }, [])
  const at = now.value
  const { frozen, timeZone } = clock.value
  return (
    <div class={large ? 'clock large' : 'clock'} aria-label="Server clock">
      <span class="num time">{timeOnly(at)}</span>
      <span class="date">{dateOnly(at)}</span>
      <span class="zone">{timeZone}{frozen ? ' · frozen' : ''}</span>
    </div>
  )
}

export function Section ({ title, children, actions }: { title: string, children: ComponentChildren, actions?: ComponentChildren }) {
  return (
    <section class="card" aria-label={title}>
      <div class="card-head"><h2>{title}</h2>{actions}</div>
      {children}
    </section>
  )
}

const tone = (score: number): string => score >= 80 ? 'good' : score >= 50 ? 'warn' : 'bad'

/** Scores across assets as bars (SVG): one row per asset and standard, its height fixed, so rows never shift. */
export function ScoreChart ({ results }: { results: ConsoleResult[] }) {
  const row = 30
  const label = 260
  const width = 900
  const bar = width - label - 70
  const height = results.length * row + 24
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Compliance score per asset and standard, 0 to 100">
        {[0, 50, 80, 100].map((mark) => (
          <g key={mark}>
            <line x1={label + (bar * mark) / 100} x2={label + (bar * mark) / 100} y1={0} y2={height - 20} class="grid" />
            <text x={label + (bar * mark) / 100} y={height - 4} class="axis" text-anchor="middle">{mark}</text>
          </g>
        ))}
        {results.map((r, i) => (
          <g key={`${r.assetId}-${r.standardId}`} transform={`translate(0 ${i * row})`}>
            <text x={label - 10} y={row / 2 + 6} text-anchor="end" class="label">{r.assetName}</text>
            <rect x={label} y={5} width={(bar * r.score) / 100} height={row - 10} class={`bar ${tone(r.score)}`} />
            <text x={label + (bar * r.score) / 100 + 8} y={row / 2 + 6} class="value">{r.score.toFixed(1)}</text>
          </g>
        ))}
      </svg>
      <figcaption class="muted">Score = passed ÷ (passed + failed) checks. 80 and above: good; below 50: poor.</figcaption>
    </figure>
  )
}

export function ResultsTable ({ results }: { results: ConsoleResult[] }) {
  if (results.length === 0) return <p class="muted">No results: this run evaluated nothing (yet).</p>
  return (
    <table class="grid-table results">
      <colgroup><col class="w-name" /><col class="w-wide" /><col class="w-num" /><col class="w-num" /><col class="w-num" /><col class="w-num" /><col class="w-num" /><col class="w-action" /></colgroup>
      <thead>
        <tr><th scope="col">Asset</th><th scope="col">Standard</th><th scope="col" class="r">Score</th><th scope="col" class="r">Passed</th><th scope="col" class="r">Failed</th><th scope="col" class="r">Exempted</th><th scope="col" class="r">Manual</th><th scope="col">Report</th></tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={`${r.assetId}-${r.standardId}`}>
            <td>{r.assetName}</td>
            <td>{r.standardName} <span class="muted">{r.standardVersion}</span></td>
            <td class="r num"><span class={`score ${tone(r.score)}`}>{r.score.toFixed(1)}</span></td>
            <td class="r num">{r.passed}</td>
            <td class="r num">{r.failed}</td>
            <td class="r num">{r.exempted}</td>
            <td class="r num">{r.manual}</td>
            <td><a class="button small" href={r.report} download>Excel report<span class="sr-only"> for {r.assetName}, {r.standardName}</span></a></td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Every asset of a run with its two phases. */
export function AssetPhases ({ run }: { run: ConsoleRun }) {
  return (
    <table class="grid-table phases">
      <colgroup><col class="w-name" /><col class="w-phase" /><col class="w-phase" /></colgroup>
      <thead><tr><th scope="col">Asset</th><th scope="col">Collection</th><th scope="col">Evaluation</th></tr></thead>
      <tbody>
        {run.assets.map((asset) => (
          <tr key={asset.id}>
            <td>{asset.name}</td>
            <td><PhaseCell phase={asset.collection} /></td>
            <td><PhaseCell phase={asset.evaluation} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function Messages ({ run }: { run: ConsoleRun }) {
  return (
    <ol class="messages">
      {run.messages.map((m, i) => (
        <li key={i} class={`sev-${m.severity.toLowerCase()}`}><span class="num muted">{timeOnly(Date.parse(m.time))}</span> <strong>{m.severity}</strong> {m.text}</li>
      ))}
    </ol>
  )
}
