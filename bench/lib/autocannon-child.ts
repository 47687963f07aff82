/**
 * One autocannon load, run as its own (pinned) process: argv[2] is a JSON
 * { url, connections, seconds, method, headers, body }. A body's `[<id>]` becomes a
 * fresh counter per request (autocannon 8's CLI `-I` sends nothing at all with a body).
 * Prints autocannon's result as JSON.
 */
import autocannon from 'autocannon'

interface Plan { url: string, connections: number, seconds: number, method: 'GET' | 'POST', headers: Record<string, string>, body?: string }
const plan = JSON.parse(process.argv[2] ?? '{}') as Plan
let counter = 0
const result = await autocannon({
  url: plan.url,
  connections: plan.connections,
  duration: plan.seconds,
  method: plan.method,
  headers: plan.headers,
  requests: [{
    setupRequest: (request) => (plan.body === undefined ? request : { ...request, body: plan.body.replaceAll('[<id>]', `${process.pid}-${counter++}`) })
  }]
})
process.stdout.write(JSON.stringify(result))
