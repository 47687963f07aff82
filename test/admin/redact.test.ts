import t from 'tap'
import { queryOf, redactBody, redactHeaders } from '../../src/admin/redact.js'

t.test('form bodies: secret-named fields masked, the rest as sent', async (t) => {
  const rows: Array<[string, string]> = [
    ['grant_type=password&username=domain1%5Cadministrator&password=pass%40123', 'grant_type=password&username=domain1%5Cadministrator&password=[Redacted]'],
    ['grant_type=refresh_token&refresh_token=abc.def', 'grant_type=refresh_token&refresh_token=[Redacted]'],
    ['PASSWORD=x&p%61ssword=y&pass+word=z', 'PASSWORD=[Redacted]&p%61ssword=[Redacted]&pass+word=z'],
    ['client_secret=s&api_key=k&page=1', 'client_secret=[Redacted]&api_key=[Redacted]&page=1'],
    ['password=cut-by-truncat', 'password=[Redacted]'],
    ['not a form at all', 'not a form at all']
  ]
  for (const [input, expected] of rows) t.equal(redactBody(input), expected, input)
})

t.test('JSON bodies: secret-named members masked, formatting kept', async (t) => {
  const rows: Array<[string, string]> = [
    ['{"username":"u","password":"p"}', '{"username":"u","password":"[Redacted]"}'],
    ['{ "Password" : "p\\"q", "n": 1 }', '{ "Password" : "[Redacted]", "n": 1 }'],
    ['{"access_token":"a","token_type":"bearer","expires_in":3599,"refresh_token":"r"}', '{"access_token":"[Redacted]","token_type":"bearer","expires_in":3599,"refresh_token":"[Redacted]"}'],
    ['{"pass\\u0077ord":"p"}', '{"pass\\u0077ord":"[Redacted]"}'],
    ['{"apiKey":12345,"x":true}', '{"apiKey":"[Redacted]","x":true}'],
    ['{"password":"cut-by-trunc', '{"password":"[Redacted]"'],
    ['[{"JobName":"password"}]', '[{"JobName":"password"}]']
  ]
  for (const [input, expected] of rows) t.equal(redactBody(input), expected, input)
})

t.test('headers: credentials masked, Authorization keeps its scheme', async (t) => {
  t.same(redactHeaders({
    authorization: 'Bearer abc',
    'proxy-authorization': 'Basic dXNlcjpwYXNz',
    cookie: 'a=b',
    'set-cookie': ['a=b', 'c=d'],
    'x-ccs-mock-admin-key': 'k',
    'x-api-token': 't',
    'content-type': 'application/json',
    accept: undefined
  }), {
    authorization: 'Bearer [Redacted]',
    'proxy-authorization': 'Basic [Redacted]',
    cookie: '[Redacted]',
    'set-cookie': '[Redacted]',
    'x-ccs-mock-admin-key': '[Redacted]',
    'x-api-token': '[Redacted]',
    'content-type': 'application/json'
  })
  t.same(redactHeaders({ authorization: 'opaque-token' }), { authorization: '[Redacted]' })
})

t.test('query strings: repeated names become arrays', async (t) => {
  t.same(queryOf('/x?a=1&b=2&a=3'), { a: ['1', '3'], b: '2' })
  t.same(queryOf('/x'), {})
})
