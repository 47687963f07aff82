import type { Socket } from 'node:net'

/**
 * Answers requests that never reach routing (request timeout, malformed HTTP) in the
 * Web API envelope instead of Fastify's default body.
 */
export function clientErrorHandler (error: NodeJS.ErrnoException, socket: Socket): void {
  // A TLS failure (no handshake within --request-timeout, a bad ClientHello) comes
  // before HTTP: there is no channel to answer on, so the socket just closes.
  const tlsFailure = error.code?.startsWith('ERR_TLS_') === true || error.code?.startsWith('ERR_SSL_') === true
  if (tlsFailure || error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) {
    socket.destroy()
    return
  }
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
  const status = timedOut ? '408 Request Timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'
  const body = JSON.stringify({ Message: timedOut ? 'The request timed out.' : 'The request is malformed.' })
  socket.end([
    `HTTP/1.1 ${status}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body
  ].join('\r\n'))
}
