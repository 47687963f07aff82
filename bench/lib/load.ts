import autocannon from 'autocannon'

export interface LoadResult {
  rps: number
  p50: number
  p99: number
  requests: number
  non2xx: number
  errors: number
}

export interface LoadOptions {
  url: string
  connections: number
  seconds: number
  warmupSeconds: number
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  /** A fresh body per request (unique job names). */
  body?: () => string
  /** A fresh path (and query) per request. */
  path?: () => string
}

function run (options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  const makeBody = options.body
  const makePath = options.path
  return autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    duration: seconds,
    method: options.method,
    headers: options.headers,
    requests: [{
      setupRequest: (req) => ({
        ...req,
        ...(makeBody !== undefined ? { body: makeBody() } : {}),
        ...(makePath !== undefined ? { path: makePath() } : {})
      })
    }]
  })
}

/** Warm up, then measure: requests per second and latency percentiles (ms). */
export async function measure (options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(options, options.warmupSeconds)
  const result = await run(options, options.seconds)
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts
  }
}
