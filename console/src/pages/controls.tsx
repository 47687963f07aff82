import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { Clock, Section } from '../components.js'
import { dateTime } from '../format.js'
import { adminKey, clock, control, controlsAllowed, faults, forgetKey, jobs, now, rememberKey, session, type Outcome } from '../store.js'
import type { FaultRuleView } from '../types.js'

/** Fault rules a presenter adds with one click (POST /__admin/faults). */
const PRESETS: Array<{ label: string, rule: Record<string, unknown> }> = [
  { label: 'Next Create Job answers 500', rule: { method: 'POST', path: '/ccs/api/v1/jobs', count: 1, fault: { type: 'status', status: 500 } } },
  { label: 'Logins answer 503 (3 times)', rule: { method: 'POST', path: '/ccs/api/v1/oauth/tokens', count: 3, fault: { type: 'status', status: 503 } } },
  { label: 'Every read waits 1–3 s', rule: { method: 'GET', path: '/ccs/**', fault: { type: 'delay', minMs: 1000, maxMs: 3000 } } },
  { label: 'Next call finds its token expired', rule: { path: '/ccs/**', count: 1, fault: { type: 'expiredToken' } } },
  { label: 'Drop the next job-runs poll', rule: { method: 'GET', path: '/ccs/api/v1/jobs/*/jobruns', count: 1, fault: { type: 'drop' } } }
]

function describe (rule: FaultRuleView): string {
  const { fault } = rule
  const what = fault.type === 'status'
    ? `answer ${String(fault.status)}`
    : fault.type === 'delay'
      ? `wait ${fault.ms !== undefined ? `${String(fault.ms)} ms` : `${String(fault.minMs)}–${String(fault.maxMs)} ms`}`
      : fault.type === 'expiredToken' ? 'expire the token' : fault.type
  const times = rule.remaining !== undefined ? `, ${rule.remaining} more time(s)` : ''
  return `${rule.method} ${rule.path}: ${what}${times}`
}

function KeyGate () {
  const [key, setKey] = useState('')
  const [problem, setProblem] = useState('')
  return (
    <Section title="Controls are locked">
      <p>This server has an admin key. The views stay open to everyone; type the key to steer it (kept in this browser tab only).</p>
      <form class="key-form" onSubmit={(e) => {
        e.preventDefault()
        rememberKey(key)
        control('GET', '/clock').then((outcome) => {
          if (!outcome.ok) setProblem(outcome.status === 401 ? 'That is not the admin key.' : outcome.message)
        }).catch(() => {})
      }}>
        <label>Admin key <input type="password" autoComplete="off" value={key} onInput={(e) => { setKey((e.currentTarget as HTMLInputElement).value) }} required /></label>
        <button type="submit">Unlock</button>
      </form>
      {problem !== '' ? <p class="error" role="alert">{problem}</p> : null}
    </Section>
  )
}

export function ControlsPage () {
  const [feedback, setFeedback] = useState('')
  const [confirmReset, setConfirmReset] = useState(false)
  if (!controlsAllowed.value) return <><ClockCard /><KeyGate /></>
  const run = (what: string) => async (promise: Promise<Outcome>) => {
    const outcome = await promise
    setFeedback(outcome.ok ? what : `Refused: ${outcome.message}`)
    return outcome
  }
  const next = jobs.value.map((job) => job.nextRun).filter((at): at is string => at !== null && Date.parse(at) > now.value).sort()[0]
  const frozen = clock.value.frozen
  const name = session.value ?? 'the default data set'

  const download = async (): Promise<void> => {
    const outcome = await run('Snapshot downloaded.')(control('GET', '/state'))
    if (!outcome.ok) return
    const blob = new Blob([JSON.stringify(outcome.body, null, 2)], { type: 'application/json' })
    const link = document.createElement('a')
    link.href = URL.createObjectURL(blob)
    link.download = `ccs-mock-${session.value ?? 'default'}-${new Date(now.value).toISOString().replace(/[:.]/g, '-')}.json`
    link.click()
    setTimeout(() => { URL.revokeObjectURL(link.href) }, 10_000)
  }
  const upload = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return
    await run(`Snapshot ${file.name} loaded into ${name}.`)(control('PUT', '/state', await file.text()))
  }
  const reset = async (): Promise<void> => {
    setConfirmReset(false)
    if (session.value === null) await run('Reset to the fixtures; every session removed.')(control('POST', '/reset', {}, false))
    else await run(`Session ${session.value} reset to the fixtures.`)(control('POST', `/sessions/${encodeURIComponent(session.value)}/reset`, undefined, false))
  }

  return (
    <>
      <p class="feedback" role="status" aria-live="polite">{feedback}</p>
      <ClockCard>
        <div class="buttons">
          <button type="button" onClick={() => { void run('Clock advanced by one hour.')(control('POST', '/clock', { advance: 'PT1H' })) }}>+1 hour</button>
          <button type="button" onClick={() => { void run('Clock advanced by one day.')(control('POST', '/clock', { advance: 'P1D' })) }}>+1 day</button>
          <button type="button" disabled={next === undefined} onClick={() => { if (next !== undefined) void run(`Clock set to the next scheduled run, ${dateTime(next)}.`)(control('POST', '/clock', { set: next })) }}>
            To the next scheduled run{next !== undefined ? ` (${dateTime(next)})` : ''}
          </button>
          <button type="button" aria-pressed={frozen} onClick={() => { void run(frozen ? 'Clock running.' : 'Clock frozen.')(control('POST', '/clock', { freeze: !frozen })) }}>{frozen ? 'Resume' : 'Freeze'}</button>
          <button type="button" class="quiet" onClick={() => { void run('Clock back to real time.')(control('POST', '/clock', { real: true })) }}>Real time</button>
        </div>
      </ClockCard>
      <Section title="Fault rules" actions={faults.value.length > 0 ? <button type="button" class="quiet" onClick={() => { void run('Every fault rule removed.')(control('DELETE', '/faults')) }}>Remove all</button> : null}>
        <div class="buttons presets">
          {PRESETS.map((preset) => (
            <button key={preset.label} type="button" onClick={() => { void run(`Fault added: ${preset.label}.`)(control('POST', '/faults', preset.rule)) }}>+ {preset.label}</button>
          ))}
        </div>
        <ul class="rules">
          {faults.value.map((rule) => (
            <li key={rule.id} data-rule={rule.id}>
              <span>{describe(rule)} <span class="muted">(fired {rule.fired}×{rule.session !== null ? `, session ${rule.session}` : ''})</span></span>
              <button type="button" class="small" onClick={() => { void run('Fault rule removed.')(control('DELETE', `/faults/${rule.id}`, undefined, false)) }}>Remove<span class="sr-only"> {describe(rule)}</span></button>
            </li>
          ))}
        </ul>
        {faults.value.length === 0 ? <p class="muted">No fault rules: every call is answered normally.</p> : null}
      </Section>
      <Section title={`Data: ${name}`}>
        <div class="buttons">
          {confirmReset
            ? <>
                <button type="button" class="danger" onClick={() => { void reset() }}>{session.value === null ? 'Yes: reset, and remove every session' : `Yes: reset ${session.value}`}</button>
                <button type="button" class="quiet" onClick={() => { setConfirmReset(false) }}>Cancel</button>
              </>
            : <button type="button" onClick={() => { setConfirmReset(true) }}>Reset to the fixtures…</button>}
          <button type="button" onClick={() => { void download() }}>Download snapshot</button>
          <label class="button">Upload snapshot<input type="file" accept="application/json,.json" class="sr-only" onChange={(e) => { void upload((e.currentTarget as HTMLInputElement).files?.[0]) }} /></label>
        </div>
      </Section>
      {adminKey.value !== null ? <p><button type="button" class="quiet" onClick={forgetKey}>Lock the controls (forget the key)</button></p> : null}
    </>
  )
}

function ClockCard ({ children }: { children?: ComponentChildren }) {
  return (
    <Section title="Clock">
      <Clock large />
      {children}
    </Section>
  )
}
