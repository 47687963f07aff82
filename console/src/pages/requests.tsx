import { Fragment } from 'preact'
import { useState } from 'preact/hooks'
import { Section } from '../components.js'
import { timeOnly } from '../format.js'
import { requests, state } from '../store.js'
import type { ConsoleRequest } from '../types.js'

const statusClass = (status: number): string => `http s${Math.floor(status / 100)}xx`
const DEFAULT = '(default)'

function matches (request: ConsoleRequest, path: string, user: string, session: string): boolean {
  if (path !== '' && !request.url.toLowerCase().includes(path.toLowerCase())) return false
  if (user !== '' && !(request.user ?? '').toLowerCase().includes(user.toLowerCase())) return false
  if (session === DEFAULT) return request.session === null
  return session === '' || request.session === session
}

export function RequestsPage () {
  const [path, setPath] = useState('')
  const [user, setUser] = useState('')
  const [session, setSession] = useState('')
  const capacity = state.value?.journal.capacity ?? 0
  const shown = requests.value.filter((r) => matches(r, path, user, session))
  const value = (set: (v: string) => void) => (e: Event) => { set((e.currentTarget as HTMLInputElement).value) }
  return (
    <Section title="Requests" actions={<span class="muted">{shown.length} of {requests.value.length}, newest first</span>}>
      {capacity === 0 ? <p class="notice">The journal is off (--journal-size 0): no requests are recorded.</p> : null}
      <form class="filters" role="search" onSubmit={(e) => { e.preventDefault() }}>
        <label>Path contains <input type="search" value={path} onInput={value(setPath)} placeholder="/ccs/api/v1/jobs" /></label>
        <label>User <input type="search" value={user} onInput={value(setUser)} placeholder="domain1\administrator" /></label>
        <label>Session
          <select value={session} onChange={value(setSession)}>
            <option value="">all</option>
            <option value={DEFAULT}>default data set</option>
            {(state.value?.sessions ?? []).map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </label>
      </form>
      <div class="feed" tabIndex={0} aria-label="Request feed">
        <table class="grid-table requests">
          <colgroup><col class="w-clock" /><col class="w-method" /><col /><col class="w-code" /><col class="w-ms" /><col class="w-user" /><col class="w-session" /></colgroup>
          <thead><tr><th scope="col">Time</th><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Status</th><th scope="col" class="r">ms</th><th scope="col">User</th><th scope="col">Session</th></tr></thead>
          <tbody>
            {shown.map((r) => (
              <Fragment key={r.id}>
                <tr data-request={r.id} class={r.nearMisses.length > 0 ? 'has-hint' : ''}>
                  <td class="num">{timeOnly(Date.parse(r.time))}</td>
                  <td class="method">{r.method}</td>
                  <td class="path" title={r.url}>{r.url}</td>
                  <td><span class={statusClass(r.status)}>{r.status}</span></td>
                  <td class="r num">{Math.round(r.durationMs)}</td>
                  <td class="ellipsis">{r.user ?? <span class="muted">—</span>}</td>
                  <td class="ellipsis">{r.session ?? <span class="muted">default</span>}</td>
                </tr>
                {r.nearMisses.length > 0
                  ? <tr class="hint"><td /><td colSpan={6}>No route matched. Did you mean {r.nearMisses.map((m, i) => <span key={i}>{i > 0 ? ', or ' : ''}<code>{m.method} {m.route}</code> ({m.reason})</span>)}?</td></tr>
                  : null}
              </Fragment>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p class="muted">No requests{requests.value.length > 0 ? ' match the filter' : ' yet'}.</p> : null}
      </div>
    </Section>
  )
}
