import { Section, Status } from '../components.js'
import { dateTime } from '../format.js'
import { notifications } from '../store.js'

export function NotificationsPage () {
  const list = notifications.value
  return (
    <Section title="Notifications" actions={<span class="muted">the outbox, newest first</span>}>
      <table class="grid-table outbox">
        <colgroup><col class="w-time" /><col class="w-name" /><col class="w-type" /><col class="w-wide" /><col class="w-wide" /><col class="w-status" /></colgroup>
        <thead><tr><th scope="col">Created</th><th scope="col">Job</th><th scope="col">Kind</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Delivery</th></tr></thead>
        <tbody>
          {list.map((n) => (
            <tr key={n.ID}>
              <td class="num">{dateTime(n.CreatedAt)}</td>
              <td>{n.JobName} <Status value={n.RunStatus} /></td>
              <td>{n.Kind}</td>
              <td class="ellipsis">{n.To.join(', ')}</td>
              <td class="ellipsis" title={n.Body}>{n.Subject}</td>
              <td><Status value={n.Delivery} />{n.DeliveryError !== undefined ? <div class="muted small">{n.DeliveryError}</div> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 0 ? <p class="muted">No notification yet: a job asks for one on success or failure, and its run's end records it here.</p> : null}
    </Section>
  )
}
