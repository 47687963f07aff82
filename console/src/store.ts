import { computed, effect, signal } from '@preact/signals'
import type { ConsoleJob, ConsoleRequest, ConsoleRun, ConsoleState, FaultRuleView, NotificationRecord } from './types.js'

// The console's state: the event stream's `hello` and every change after it, as signals the pages read.

const ADMIN = '/__admin'
const KEY_STORAGE = 'ccs-mock-admin-key'
const MAX_REQUESTS = 500

const initialSession = new URLSearchParams(location.search).get('session')

/** The data set shown: a session's name, or null for the default one. */
export const session = signal<string | null>(initialSession === '' ? null : initialSession)
export const connection = signal<'connecting' | 'live' | 'lost'>('connecting')
export const state = signal<ConsoleState | undefined>(undefined)
/** The data set's clock, and when (performance.now) it was read: it runs on locally unless frozen. */
export const clock = signal({ now: Date.now(), frozen: true, timeZone: 'UTC', readAt: performance.now() })
export const jobs = signal<ConsoleJob[]>([])
export const runs = signal<ReadonlyMap<string, ConsoleRun>>(new Map())
export const requests = signal<ConsoleRequest[]>([])
export const faults = signal<FaultRuleView[]>([])
export const notifications = signal<NotificationRecord[]>([])
/** The admin key the presenter typed (kept for this browser tab only). */
export const adminKey = signal<string | null>(sessionStorage.getItem(KEY_STORAGE))
export const demo = signal(new URLSearchParams(location.search).has('demo') || localStorage.getItem('ccs-mock-demo') === '1')

/** The clock as it stands now; `tick` (a second's timer in the clock display) moves it on screen. */
export const tick = signal(0)
export const now = computed(() => {
  void tick.value
  const { now, frozen, readAt } = clock.value
  return frozen ? now : now + (performance.now() - readAt)
})

export const controlsAllowed = computed(() => state.value?.access === 'open' || adminKey.value !== null)

effect(() => {
  document.documentElement.classList.toggle('demo', demo.value)
  localStorage.setItem('ccs-mock-demo', demo.value ? '1' : '0')
})

const withSession = (path: string, key = session.value): string => {
  if (key === null) return path
  return `${path}${path.includes('?') ? '&' : '?'}session=${encodeURIComponent(key)}`
}

function setClock (c: { now: string, frozen: boolean, timeZone: string }): void {
  clock.value = { now: Date.parse(c.now), frozen: c.frozen, timeZone: c.timeZone, readAt: performance.now() }
}

function hello (next: ConsoleState): void {
  state.value = next
  setClock(next.clock)
  jobs.value = next.jobs
  runs.value = new Map(next.runs.map((run) => [run.id, run]))
  requests.value = next.requests
  faults.value = next.faults
  notifications.value = next.notifications
  if (!performance.getEntriesByName('console-ready').length) performance.mark('console-ready')
}

function jobChanged ({ id, job }: { id: string, job: ConsoleJob | null }): void {
  const rest = jobs.value.filter((j) => j.id !== id)
  const at = jobs.value.findIndex((j) => j.id === id)
  if (job === null) {
    jobs.value = rest
  } else if (at < 0) {
    jobs.value = [job, ...rest]
  } else {
    const next = [...jobs.value]
    next[at] = job
    jobs.value = next
  }
  // A job gone, or its history deleted: its runs go too.
  if (job === null || job.lastRun === null) {
    const kept = [...runs.value].filter(([, run]) => run.jobId !== id)
    if (kept.length !== runs.value.size) runs.value = new Map(kept)
  }
}

function runChanged (run: ConsoleRun): void {
  const next = new Map(runs.value)
  next.set(run.id, run)
  runs.value = next
}

function requestRecorded (request: ConsoleRequest): void {
  requests.value = [request, ...requests.value].slice(0, MAX_REQUESTS)
}

function notificationRecorded (record: NotificationRecord): void {
  notifications.value = [record, ...notifications.value.filter((n) => n.ID !== record.ID)].sort((a, b) => b.CreatedAt.localeCompare(a.CreatedAt))
}

const HANDLERS: Record<string, (data: never) => void> = {
  hello,
  job: jobChanged,
  run: runChanged,
  request: requestRecorded,
  faults: (list: FaultRuleView[]) => { faults.value = list },
  notification: notificationRecorded,
  gone: () => { session.value = null }
}

let source: EventSource | undefined

/** One event stream for the data set shown; the browser reconnects by itself, and each connection starts with `hello`. */
effect(() => {
  const key = session.value
  source?.close()
  connection.value = 'connecting'
  const url = new URL(location.href)
  if (key === null) url.searchParams.delete('session')
  else url.searchParams.set('session', key)
  history.replaceState(null, '', url)
  source = new EventSource(withSession(`${ADMIN}/console/events`, key))
  source.onopen = () => { connection.value = 'live' }
  source.onerror = () => { connection.value = source?.readyState === EventSource.CLOSED ? 'lost' : 'connecting' }
  for (const [event, handle] of Object.entries(HANDLERS)) {
    source.addEventListener(event, (message) => {
      connection.value = 'live'
      handle(JSON.parse((message as MessageEvent<string>).data) as never)
    })
  }
})

/** A read of the console's data (answers without the admin key). */
export async function read<T> (path: string): Promise<T | undefined> {
  const response = await fetch(withSession(`${ADMIN}/console${path}`))
  return response.ok ? await response.json() as T : undefined
}

export interface Outcome { ok: boolean, status: number, message: string, body: unknown }

/** A control: a control-plane request for the data set shown, with the admin key when one was given. */
export async function control (method: string, path: string, body?: unknown, scoped = true): Promise<Outcome> {
  const headers: Record<string, string> = {}
  if (adminKey.value !== null) headers['x-ccs-mock-admin-key'] = adminKey.value
  if (body !== undefined) headers['content-type'] = 'application/json'
  try {
    const response = await fetch(scoped ? withSession(`${ADMIN}${path}`) : `${ADMIN}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) })
    const text = await response.text()
    let parsed: unknown = text
    try { parsed = JSON.parse(text) } catch { /* not JSON */ }
    const message = (parsed as { message?: string } | null)?.message ?? `${response.status} ${response.statusText}`
    if (response.status === 401) forgetKey()
    return { ok: response.ok, status: response.status, message, body: parsed }
  } catch (err) {
    return { ok: false, status: 0, message: `The server did not answer: ${(err as Error).message}`, body: undefined }
  }
}

export function rememberKey (key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key)
  adminKey.value = key
}

export function forgetKey (): void {
  sessionStorage.removeItem(KEY_STORAGE)
  adminKey.value = null
}

/** The link to a result's report, or to a snapshot, in the data set shown. */
export const consoleUrl = (path: string): string => withSession(`${ADMIN}/console${path}`)
