import t from 'tap'
import { ConfigError, helpText, parseCli, validateConfig } from '../src/cli.js'
import { ConfigSchema, DEFAULT_FIXTURES_DIR, type Config } from '../src/config.js'
import { runServerToExit } from './helpers/server-process.js'

/** The settings this file covers row by row; other settings are checked generically below. */
const DEFAULTS: Partial<Config> = {
  port: 12431,
  host: '127.0.0.1',
  dataDir: './data',
  fixtures: DEFAULT_FIXTURES_DIR,
  logLevel: 'info',
  http: false,
  accessTokenTtl: 3600,
  refreshTokenTtl: 5400,
  timeZone: ''
}

/** The config parseCli returns; fails the test when it asks for help instead. */
function configOf (argv: string[], env: NodeJS.ProcessEnv = {}): Config {
  const result = parseCli(argv, env)
  if (result.help) throw new Error('unexpected help')
  return result.config
}

const SCHEMA = Object.entries(ConfigSchema.properties) as Array<[keyof Config & string, { default?: unknown, type?: string }]>
const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
const envName = (key: string): string => `CCS_MOCK_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`

t.test('defaults', async (t) => {
  t.has(configOf([]), DEFAULTS, 'parseCli with nothing set')
  t.has(validateConfig({}), DEFAULTS, 'validateConfig of an empty object')
  const schemaDefaults = Object.fromEntries(SCHEMA.filter(([, s]) => s.default !== undefined).map(([key, s]) => [key, s.default]))
  t.same(configOf([]), schemaDefaults, 'every setting with a default gets it, and nothing else is set')
  t.equal(configOf([]).tlsCert, undefined)
  t.equal(configOf([]).tlsKey, undefined)
  t.equal(configOf([]).smtpUrl, undefined, 'no SMTP server: notifications are only recorded')
  t.same(configOf([], { HOME: '/root', PORT: '80', CCS_MOCK: 'x', ccs_mock_port: '1' }), configOf([]), 'other environment variables are ignored')
})

t.test('every setting in ConfigSchema has a flag, an environment variable and a help line', async (t) => {
  const help = helpText()
  for (const [key, schema] of SCHEMA) {
    const flag = `--${kebab(key)}`
    const env = envName(key)
    t.match(help, new RegExp(`${flag}\\b.*${env}`), `help pairs ${flag} with ${env}`)
    if (schema.type === 'boolean') {
      t.equal(configOf([flag])[key], true, `${flag} sets ${key}`)
      t.equal(configOf([], { [env]: 'true' })[key], true, `${env} sets ${key}`)
    } else if (schema.type === 'integer') {
      const value = Math.max(Number((schema as { minimum?: number }).minimum ?? 0), 1) + 1
      t.equal(configOf([flag, String(value)])[key], value, `${flag} sets ${key}`)
      t.equal(configOf([], { [env]: String(value) })[key], value, `${env} sets ${key}`)
      t.throws(() => parseCli([flag, 'abc'], {}), ConfigError, `${flag} abc is refused`)
    }
  }
})

const SETTINGS: Array<{ flag: string[], env: Record<string, string>, expected: Partial<Config> }> = [
  { flag: ['--port', '8443'], env: { CCS_MOCK_PORT: '8443' }, expected: { port: 8443 } },
  { flag: ['--port', '0'], env: { CCS_MOCK_PORT: '0' }, expected: { port: 0 } },
  { flag: ['--port', '65535'], env: { CCS_MOCK_PORT: '65535' }, expected: { port: 65535 } },
  { flag: ['--host', '0.0.0.0'], env: { CCS_MOCK_HOST: '0.0.0.0' }, expected: { host: '0.0.0.0' } },
  { flag: ['--data-dir', '/var/lib/ccs'], env: { CCS_MOCK_DATA_DIR: '/var/lib/ccs' }, expected: { dataDir: '/var/lib/ccs' } },
  { flag: ['--fixtures', '/srv/fixtures'], env: { CCS_MOCK_FIXTURES: '/srv/fixtures' }, expected: { fixtures: '/srv/fixtures' } },
  { flag: ['--log-level', 'debug'], env: { CCS_MOCK_LOG_LEVEL: 'debug' }, expected: { logLevel: 'debug' } },
  { flag: ['--log-level', 'silent'], env: { CCS_MOCK_LOG_LEVEL: 'silent' }, expected: { logLevel: 'silent' } },
  { flag: ['--http'], env: { CCS_MOCK_HTTP: 'true' }, expected: { http: true } },
  { flag: ['--tls-cert', 'c.pem', '--tls-key', 'k.pem'], env: { CCS_MOCK_TLS_CERT: 'c.pem', CCS_MOCK_TLS_KEY: 'k.pem' }, expected: { tlsCert: 'c.pem', tlsKey: 'k.pem' } },
  { flag: ['--access-token-ttl', '60'], env: { CCS_MOCK_ACCESS_TOKEN_TTL: '60' }, expected: { accessTokenTtl: 60 } },
  { flag: ['--refresh-token-ttl', '120'], env: { CCS_MOCK_REFRESH_TOKEN_TTL: '120' }, expected: { refreshTokenTtl: 120 } },
  { flag: ['--time-zone', 'Europe/Berlin'], env: { CCS_MOCK_TIME_ZONE: 'Europe/Berlin' }, expected: { timeZone: 'Europe/Berlin' } },
  { flag: ['--time-zone', 'UTC'], env: { CCS_MOCK_TIME_ZONE: 'UTC' }, expected: { timeZone: 'UTC' } },
  { flag: ['--time-zone', 'Australia/Sydney'], env: { CCS_MOCK_TIME_ZONE: 'Australia/Sydney' }, expected: { timeZone: 'Australia/Sydney' } },
  { flag: ['--time-zone', ''], env: { CCS_MOCK_TIME_ZONE: '' }, expected: { timeZone: '' } },
  { flag: ['--smtp-url', 'smtp://user:pass@mail:2525'], env: { CCS_MOCK_SMTP_URL: 'smtp://user:pass@mail:2525' }, expected: { smtpUrl: 'smtp://user:pass@mail:2525' } },
  { flag: ['--smtp-url', 'smtps://mail.example.com'], env: { CCS_MOCK_SMTP_URL: 'smtps://mail.example.com' }, expected: { smtpUrl: 'smtps://mail.example.com' } }
]

t.test('every flag and every environment variable', async (t) => {
  for (const s of SETTINGS) {
    const want = { ...configOf([]), ...s.expected }
    t.same(configOf(s.flag), want, s.flag.join(' '))
    t.same(configOf([], s.env), want, Object.entries(s.env).map(([k, v]) => `${k}=${v}`).join(' '))
  }
  t.same(configOf(['--port=9000', '--log-level=warn']), { ...configOf([]), port: 9000, logLevel: 'warn' }, '--flag=value form')
  t.type(configOf(['--port', '9000']).port, 'number', 'numbers are numbers')
  t.type(configOf([], { CCS_MOCK_REFRESH_TOKEN_TTL: '7' }).refreshTokenTtl, 'number')
})

t.test('CCS_MOCK_HTTP words', async (t) => {
  for (const word of ['1', 'true', 'TRUE', 'yes', 'on', ' On ']) t.equal(configOf([], { CCS_MOCK_HTTP: word }).http, true, `'${word}' is true`)
  for (const word of ['0', 'false', 'False', 'no', 'off', '']) t.equal(configOf([], { CCS_MOCK_HTTP: word }).http, false, `'${word}' is false`)
})

t.test('a flag beats its environment variable', async (t) => {
  const env = {
    CCS_MOCK_PORT: '1111',
    CCS_MOCK_HOST: '10.0.0.1',
    CCS_MOCK_DATA_DIR: '/env/data',
    CCS_MOCK_FIXTURES: '/env/fixtures',
    CCS_MOCK_LOG_LEVEL: 'error',
    CCS_MOCK_HTTP: 'false',
    CCS_MOCK_TLS_CERT: '/env/c.pem',
    CCS_MOCK_TLS_KEY: '/env/k.pem',
    CCS_MOCK_ACCESS_TOKEN_TTL: '11',
    CCS_MOCK_REFRESH_TOKEN_TTL: '22'
  }
  t.has(configOf([], env), {
    port: 1111, host: '10.0.0.1', dataDir: '/env/data', fixtures: '/env/fixtures', logLevel: 'error', http: false, tlsCert: '/env/c.pem', tlsKey: '/env/k.pem', accessTokenTtl: 11, refreshTokenTtl: 22
  }, 'the environment alone')
  const argv = ['--port', '2222', '--host', '::1', '--data-dir', '/flag/data', '--fixtures', '/flag/fixtures', '--log-level', 'trace', '--http',
    '--tls-cert', '/flag/c.pem', '--tls-key', '/flag/k.pem', '--access-token-ttl', '33', '--refresh-token-ttl', '44']
  t.has(configOf(argv, env), {
    port: 2222, host: '::1', dataDir: '/flag/data', fixtures: '/flag/fixtures', logLevel: 'trace', http: true, tlsCert: '/flag/c.pem', tlsKey: '/flag/k.pem', accessTokenTtl: 33, refreshTokenTtl: 44
  }, 'every flag wins')
  t.same(configOf(['--port', '2222'], env).host, '10.0.0.1', 'settings without a flag still come from the environment')
  t.equal(configOf(['--smtp-url', 'smtp://flag'], { CCS_MOCK_SMTP_URL: 'smtp://env' }).smtpUrl, 'smtp://flag', '--smtp-url wins too')
  t.equal(configOf(['--port', '2222'], { CCS_MOCK_PORT: 'abc' }).port, 2222, 'a bad value in the environment is not read when a flag overrides it')
})

t.test('bad values throw a one-line ConfigError', async (t) => {
  const cases: Array<{ name: string, argv?: string[], env?: Record<string, string>, message: RegExp }> = [
    { name: 'port above 65535', argv: ['--port', '70000'], message: /--port \(CCS_MOCK_PORT\).*65535.*'70000'/ },
    { name: 'port not a number', argv: ['--port', 'abc'], message: /--port \(CCS_MOCK_PORT\) must be integer, got 'abc'/ },
    { name: 'port not a number, from the environment', env: { CCS_MOCK_PORT: 'abc' }, message: /--port \(CCS_MOCK_PORT\).*'abc'/ },
    { name: 'port with a fraction', argv: ['--port', '1.5'], message: /--port .*integer.*'1\.5'/ },
    { name: 'port empty', env: { CCS_MOCK_PORT: '' }, message: /--port .*integer/ },
    { name: 'port as a word', argv: ['--port', 'true'], message: /--port .*integer/ },
    { name: 'port in hex', argv: ['--port', '0x1f90'], message: /--port .*integer/ },
    { name: 'port negative', argv: ['--port=-1'], message: /--port .*>= 0/ },
    { name: 'port without a value', argv: ['--port'], message: /--port/ },
    { name: 'log level loud', argv: ['--log-level', 'loud'], message: /--log-level \(CCS_MOCK_LOG_LEVEL\).*fatal\|error\|warn\|info\|debug\|trace\|silent.*'loud'/ },
    { name: 'log level in capitals', env: { CCS_MOCK_LOG_LEVEL: 'INFO' }, message: /--log-level/ },
    { name: 'CCS_MOCK_HTTP=maybe', env: { CCS_MOCK_HTTP: 'maybe' }, message: /CCS_MOCK_HTTP must be true or false, got 'maybe'/ },
    { name: '--http with a value', argv: ['--http=false'], message: /--http/ },
    { name: 'unknown flag', argv: ['--bogus'], message: /--bogus/ },
    { name: 'flag in another letter case', argv: ['--Port', '80'], message: /--Port/ },
    { name: 'positional argument', argv: ['serve'], message: /serve/ },
    { name: 'tls-cert without tls-key', argv: ['--tls-cert', 'c.pem'], message: /--tls-cert and --tls-key must be given together/ },
    { name: 'tls-key without tls-cert', env: { CCS_MOCK_TLS_KEY: 'k.pem' }, message: /--tls-cert and --tls-key must be given together/ },
    { name: 'empty host', env: { CCS_MOCK_HOST: '' }, message: /--host \(CCS_MOCK_HOST\)/ },
    { name: 'empty data dir', argv: ['--data-dir='], message: /--data-dir \(CCS_MOCK_DATA_DIR\)/ },
    { name: 'access token ttl 0', argv: ['--access-token-ttl', '0'], message: /--access-token-ttl \(CCS_MOCK_ACCESS_TOKEN_TTL\).*>= 1/ },
    { name: 'refresh token ttl not a number', env: { CCS_MOCK_REFRESH_TOKEN_TTL: '90m' }, message: /--refresh-token-ttl \(CCS_MOCK_REFRESH_TOKEN_TTL\).*'90m'/ },
    { name: 'unknown time zone', argv: ['--time-zone', 'Mars/Olympus_Mons'], message: /--time-zone \(CCS_MOCK_TIME_ZONE\) must be an IANA time zone.*'Mars\/Olympus_Mons'/ },
    { name: 'unknown time zone, from the environment', env: { CCS_MOCK_TIME_ZONE: 'Europe' }, message: /--time-zone \(CCS_MOCK_TIME_ZONE\).*'Europe'/ },
    { name: 'a Windows zone name', argv: ['--time-zone', 'W. Europe Standard Time'], message: /--time-zone .*'W\. Europe Standard Time'/ }
  ]
  for (const c of cases) {
    t.throws(() => parseCli(c.argv ?? [], c.env ?? {}), ConfigError, c.name)
    try {
      parseCli(c.argv ?? [], c.env ?? {})
    } catch (err) {
      t.match((err as Error).message, c.message, `${c.name}: message`)
      t.notMatch((err as Error).message, /\n/, `${c.name}: one line`)
    }
  }
})

t.test('a bad --smtp-url is refused in one line that never shows its password', async (t) => {
  const SECRET = 'Secret-Smtp-1'
  const cases: Array<{ name: string, argv?: string[], env?: Record<string, string>, message: RegExp }> = [
    { name: 'http URL', argv: ['--smtp-url', `http://user:${SECRET}@mail`], message: /^--smtp-url \(CCS_MOCK_SMTP_URL\) must be an smtp:\/\/ or smtps:\/\/ URL with a host, got 'http:\/\/user:\*\*\*@mail\/'$/ },
    { name: 'no host', env: { CCS_MOCK_SMTP_URL: `smtp://user:${SECRET}@` }, message: /^--smtp-url \(CCS_MOCK_SMTP_URL\) must be an smtp:\/\/ or smtps:\/\/ URL with a host$/ },
    { name: 'no scheme', argv: [`--smtp-url=user:${SECRET}@mail:25`], message: /--smtp-url .*smtp:\/\/ or smtps:\/\// },
    { name: 'not a URL', argv: ['--smtp-url', `smtp://user:${SECRET}@ma il`], message: /^--smtp-url \(CCS_MOCK_SMTP_URL\) must be an smtp:\/\/ or smtps:\/\/ URL with a host$/ },
    { name: 'empty', env: { CCS_MOCK_SMTP_URL: '' }, message: /^--smtp-url \(CCS_MOCK_SMTP_URL\) must be/ },
    { name: 'without a value', argv: ['--smtp-url'], message: /--smtp-url/ }
  ]
  for (const c of cases) {
    const err = t.throws(() => parseCli(c.argv ?? [], c.env ?? {}), ConfigError, c.name) as Error
    t.match(err.message, c.message, `${c.name}: message`)
    t.notMatch(err.message, /\n/, `${c.name}: one line`)
    t.notOk(err.message.includes(SECRET), `${c.name}: no password`)
  }
  t.notOk((t.throws(() => validateConfig({ smtpUrl: { password: SECRET } }), ConfigError) as Error).message.includes(SECRET), 'not in a schema error either')
})

t.test('validateConfig on its own', async (t) => {
  t.same(validateConfig({ port: 80, accessTokenTtl: 60, refreshTokenTtl: 120, http: true }), { ...validateConfig({}), port: 80, accessTokenTtl: 60, refreshTokenTtl: 120, http: true })
  t.same(validateConfig({ port: '80' }).port, 80, 'numeric strings are converted')
  const bad: Array<[string, Record<string, unknown>]> = [
    ['port 70000', { port: 70000 }],
    ['port 80.5', { port: 80.5 }],
    ['port abc', { port: 'abc' }],
    ['log level loud', { logLevel: 'loud' }],
    ['http maybe', { http: 'maybe' }],
    ['tlsCert alone', { tlsCert: 'c.pem' }],
    ['tlsKey alone', { tlsKey: 'k.pem' }],
    ['refresh ttl -5', { refreshTokenTtl: -5 }],
    ['time zone Nowhere/Else', { timeZone: 'Nowhere/Else' }]
  ]
  for (const [name, raw] of bad) t.throws(() => validateConfig(raw), ConfigError, name)
  const raw = { port: '80' }
  validateConfig(raw)
  t.same(raw, { port: '80' }, 'the input object is not changed')
})

t.test('export and import: a command, a FILE, --url and --session', async (t) => {
  t.match(parseCli([], {}), { command: { name: 'serve' } })
  t.match(parseCli(['export', 'state.json'], {}), { command: { name: 'export', file: 'state.json' } })
  t.match(parseCli(['import', '-', '--url', 'http://ccs:8080', '--session', 's1', '--admin-key', 'k'], {}), { command: { name: 'import', file: '-', url: 'http://ccs:8080', session: 's1' }, config: { adminKey: 'k' } })
  t.match(parseCli(['--http', 'export', 'x.json', '--port', '9000'], {}), { command: { name: 'export', file: 'x.json' }, config: { http: true, port: 9000 } }, 'options before and after the command')
  for (const [argv, message] of [
    [['export'], /export needs a FILE \(- for stdout\)/],
    [['import', ''], /import needs a FILE \(- for stdin\)/],
    [['export', 'a.json', 'b.json'], /unexpected argument 'b\.json'/],
    [['export', 'a.json', '--url', 'ftp://x'], /--url must be an http:\/\/ or https:\/\/ URL, got 'ftp:\/\/x'/],
    [['--session', 's1'], /--session is only for the export and import commands/],
    [['restore', 'a.json'], /unknown command 'restore'/]
  ] as const) t.throws(() => parseCli([...argv], {}), { name: 'ConfigError', message }, argv.join(' '))
})

t.test('--version', async (t) => {
  t.same(parseCli(['--version'], {}), { help: true, version: true })
  t.same(parseCli(['--version', '--port', 'abc'], {}), { help: true, version: true }, 'wins over bad values')
  t.match(helpText(), /--version/)
})

t.test('--help', async (t) => {
  t.same(parseCli(['--help'], {}), { help: true })
  t.same(parseCli(['--port', 'abc', '--help'], {}), { help: true }, 'help wins over bad values')
  t.same(parseCli(['--help'], { CCS_MOCK_HTTP: 'maybe' }), { help: true })
  const text = helpText()
  for (const s of SETTINGS) {
    for (const word of s.flag.filter((w) => w.startsWith('--'))) t.match(text, word, `help lists ${word}`)
    for (const name of Object.keys(s.env)) t.match(text, name, `help lists ${name}`)
  }
  t.match(text, '--help')
  t.match(text, /Usage: ccs-mock/)
  t.match(text, /12431/, 'help shows the default port')
  t.match(text, /--time-zone.*the host's zone/, 'help says what the empty time-zone default means')
  t.notMatch(text, /\[default: \]/, 'an empty default is not printed')
})

t.test('the process', async (t) => {
  // Two cold starts of the server process; slow on a busy machine.
  t.setTimeout(60_000)
  const SMTP_SECRET = 'Secret-Smtp-2'
  const [bad, badZone, help, badSmtp] = await Promise.all([
    runServerToExit(['--port', 'abc']), runServerToExit(['--time-zone', 'Mars/Olympus_Mons']), runServerToExit(['--help']), runServerToExit(['--smtp-url', `ftp://user:${SMTP_SECRET}@mail`])
  ])

  t.equal(bad.code, 2, 'a bad setting exits with code 2')
  const lines = bad.stderr.split('\n').filter((line) => line !== '')
  t.equal(lines.length, 1, `one stderr line: ${bad.stderr}`)
  t.match(lines[0], /^ccs-mock: .*--port.*abc/)
  t.equal(bad.stdout, '', 'nothing on stdout')
  t.equal(badZone.code, 2, 'an unknown time zone exits with code 2')
  t.match(badZone.stderr, /^ccs-mock: --time-zone .*'Mars\/Olympus_Mons'.*\n$/)

  t.equal(badSmtp.code, 2, 'a bad --smtp-url exits with code 2')
  t.match(badSmtp.stderr, /^ccs-mock: --smtp-url .*'ftp:\/\/user:\*\*\*@mail\/'.*\n$/, 'one line, the password hidden')
  t.notOk(`${badSmtp.stderr}${badSmtp.stdout}`.includes(SMTP_SECRET), 'the password is not printed')

  t.equal(help.code, 0, '--help exits with code 0')
  t.equal(help.stderr, '')
  t.match(help.stdout, /^Usage: ccs-mock/)
  for (const flag of ['--port', '--host', '--data-dir', '--fixtures', '--log-level', '--http', '--tls-cert', '--tls-key', '--access-token-ttl', '--refresh-token-ttl', '--time-zone', '--smtp-url', '--help']) {
    t.match(help.stdout, flag, `usage lists ${flag}`)
  }
})
