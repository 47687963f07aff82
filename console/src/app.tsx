import { Clock } from './components.js'
import { ControlsPage } from './pages/controls.js'
import { JobPage } from './pages/job.js'
import { JobsPage } from './pages/jobs.js'
import { NotificationsPage } from './pages/notifications.js'
import { RequestsPage } from './pages/requests.js'
import { ResultsPage } from './pages/results.js'
import { RunPage } from './pages/run.js'
import { RunsPage } from './pages/runs.js'
import { href, route } from './router.js'
import { connection, controlsAllowed, demo, requests, runs, session, state } from './store.js'

const PAGES = [
  { page: 'jobs', label: 'Jobs' },
  { page: 'runs', label: 'Runs' },
  { page: 'results', label: 'Results' },
  { page: 'requests', label: 'Requests' },
  { page: 'notifications', label: 'Notifications' },
  { page: 'controls', label: 'Controls' }
]

const CONNECTION = { connecting: 'connecting…', live: 'live', lost: 'disconnected' }

function Page () {
  const { page, id } = route.value
  if (page === 'jobs' && id !== undefined) return <JobPage id={id} />
  if (page === 'runs' && id !== undefined) return <RunPage id={id} />
  switch (page) {
    case 'runs': return <RunsPage />
    case 'results': return <ResultsPage />
    case 'requests': return <RequestsPage />
    case 'notifications': return <NotificationsPage />
    case 'controls': return <ControlsPage />
    default: return <JobsPage />
  }
}

function SessionPicker () {
  const names = state.value?.sessions ?? []
  const current = session.value
  return (
    <label class="picker">Data set{' '}
      <select value={current ?? ''} onChange={(e) => { const v = (e.currentTarget as HTMLSelectElement).value; session.value = v === '' ? null : v }}>
        <option value="">default</option>
        {[...new Set([...names, ...(current === null ? [] : [current])])].map((name) => <option key={name} value={name}>session {name}</option>)}
      </select>
    </label>
  )
}

export function App () {
  const running = [...runs.value.values()].filter((run) => run.status === 'Running' || run.status === 'Queued').length
  const counts: Record<string, string> = { runs: running > 0 ? String(running) : '', requests: requests.value.length > 0 ? String(requests.value.length) : '' }
  return (
    <>
      <a class="skip" href="#main">Skip to the page</a>
      <header class="top">
        <div class="brand"><strong>ccs-mock</strong> <span>live console</span></div>
        <Clock large={demo.value} />
        <div class="top-tools">
          <SessionPicker />
          <span class={`conn ${connection.value}`} role="status">{CONNECTION[connection.value]}</span>
          <button type="button" class="quiet" aria-pressed={demo.value} onClick={() => { demo.value = !demo.value }}>Demo mode</button>
        </div>
      </header>
      <nav class="tabs" aria-label="Pages">
        {PAGES.map(({ page, label }) => (
          <a key={page} href={href(page)} aria-current={route.value.page === page ? 'page' : undefined}>
            {label}{counts[page] !== undefined && counts[page] !== '' ? <span class="count" aria-label={`(${counts[page]})`}>{counts[page]}</span> : null}
            {page === 'controls' && !controlsAllowed.value ? <span class="muted"> (locked)</span> : null}
          </a>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        {state.value === undefined ? <p class="muted">Connecting to the server…</p> : <Page />}
      </main>
    </>
  )
}
