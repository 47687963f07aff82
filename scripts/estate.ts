import { createHash } from 'node:crypto'
import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_FIXTURES_DIR } from '../src/config.js'
import type { Agent, Asset } from '../src/schemas/catalog.js'

/**
 * A large synthetic estate in the vendor's asset model (the same types and attribute
 * names as fixtures/assets.json): Linux, AIX and Solaris machines, Windows servers and
 * workstations, SQL Server instances, MySQL servers and Cisco routers, in site
 * folders, with an agent for every agent-based asset. Deterministic: the same seed
 * and index always give the same asset, GUIDs included.
 */

const PREFIX = 'symc-csm-AssetSystem-Asset-'
const UNIX = `${PREFIX}Unix-Machine`
const WNT = `${PREFIX}Wnt-Machine`
const SQL = `${PREFIX}Dbif-server`
const MYSQL = `${PREFIX}Unix-MySQL-Servers`
const ROUTER = `${PREFIX}Cisco-Router`
const BASE = `${PREFIX}AssetBase`

const SITES = [['Chicago', 'Chicago DC1'], ['Dallas', 'Dallas DC2'], ['London', 'London'], ['Frankfurt', 'Frankfurt']] as const
const DEPARTMENTS = ['Finance', 'E-Commerce', 'IT Operations', 'Database Administration', 'Engineering', 'Human Resources'] as const
const UNIX_OS = [
  ['Linux', 'Red Hat Enterprise Linux', '8.9', '4.18.0-513.5.1.el8_9.x86_64', 'OpenSSH_8.0p1'],
  ['Linux', 'Red Hat Enterprise Linux', '9.3', '5.14.0-362.8.1.el9_3.x86_64', 'OpenSSH_8.7p1'],
  ['Linux', 'Ubuntu', '22.04.4', '5.15.0-97-generic', 'OpenSSH_8.9p1'],
  ['Linux', 'SUSE Linux Enterprise Server', '15 SP5', '5.14.21-150500.55.39-default', 'OpenSSH_8.4p1'],
  ['AIX', '', '7.3 TL2 SP1', '7.3.0.0', 'OpenSSH_9.2p1'],
  ['SunOS', 'Oracle Solaris', '11.4.63', '5.11', 'OpenSSH_9.3p2']
] as const
const WINDOWS_OS = [
  ['Windows Server 2019 Datacenter', '10', '0', true],
  ['Windows Server 2022 Standard', '10', '0', true],
  ['Windows 11 Enterprise', '10', '0', false]
] as const
const PROFILES = ['hardened', 'baseline', 'baseline', 'weak'] as const

/** A GUID from the seed and a name: stable across runs, unique in practice. */
export function stableGuid (seed: string, name: string): string {
  const hex = createHash('sha256').update(`${seed}\n${name}`).digest('hex')
  // Version 4 and RFC 4122 variant bits, so it parses like any GUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex.slice(16, 17), 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const attribute = (Name: string, value: string | string[]) => Array.isArray(value)
  ? { Name, Value: '', Values: value, IsMultiValued: true }
  : { Name, Value: value, Values: [], IsMultiValued: false }

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T

function ipOf (n: number, net: number): string {
  return `10.${net}.${(n >> 8) & 255}.${(n & 255) || 1}`
}

function base (n: number, site: readonly [string, string], department: string, source: string): Asset['Attributes'] {
  const created = new Date(Date.UTC(2025, n % 12, 1 + (n % 28), 8, n % 60)).toISOString().replace(/\.\d{3}Z$/, '.0000000Z')
  return [
    attribute('whenCreated', created),
    attribute('whenChanged', created),
    attribute(`${BASE}-Confidentiality`, String(1 + (n % 3))),
    attribute(`${BASE}-Integrity`, String(1 + ((n + 1) % 3))),
    attribute(`${BASE}-Availability`, String(1 + ((n + 2) % 3))),
    attribute(`${BASE}-Custodian`, 'it-ops'),
    attribute(`${BASE}-Department`, department),
    attribute(`${BASE}-Location`, site[1]),
    attribute(`${BASE}-Owner`, department.toLowerCase().replace(/\W+/g, '-')),
    attribute(`${BASE}-Site`, site[0]),
    attribute(`${BASE}-Source`, 'Asset Import'),
    attribute(`${BASE}-SourceID`, `Generated estate (${source})`)
  ]
}

/** The n-th asset of the estate. */
export function estateAsset (seed: string, n: number): Asset {
  const site = pick(SITES, n >> 3)
  const department = pick(DEPARTMENTS, n >> 2)
  const simulation: Asset['Simulation'] = { AgentBased: n % 3 !== 0, Reachable: n % 97 !== 0, Profile: pick(PROFILES, n) }
  const ID = stableGuid(seed, `asset ${n}`)
  const kind = n % 20
  if (kind < 9) {
    const [system, distribution, version, kernel, ssh] = pick(UNIX_OS, n >> 1)
    const name = `${system === 'Linux' ? 'lnx' : system === 'AIX' ? 'aix' : 'sol'}-${site[0].slice(0, 3).toLowerCase()}-${n}`
    const ip = ipOf(n, 100)
    return {
      ID,
      DisplayName: name,
      Type: UNIX,
      Path: `Asset System\\Unix\\${system === 'SunOS' ? 'Solaris' : system}\\${site[0]}`,
      Attributes: [attribute('displayName', name), ...base(n, site, department, 'UNIX'),
        attribute(`${UNIX}-HostMachine`, name), attribute(`${UNIX}-IPAddress`, ip), attribute(`${UNIX}-IPAddresses`, [ip]),
        attribute(`${UNIX}-OSSystem`, system), attribute(`${UNIX}-OSDistributionField`, distribution), attribute(`${UNIX}-OSVersionString`, version),
        attribute(`${UNIX}-KERNELVERSION`, kernel), attribute(`${UNIX}-SSHVersion`, ssh), attribute(`${UNIX}-SSHPortNo`, '22'),
        attribute(`${UNIX}-DockerVersion`, n % 5 === 0 ? '24.0.7' : 'Not Installed'), attribute(`${UNIX}-IsApacheInstalled`, n % 4 === 0 ? 'True' : 'False')],
      Simulation: simulation
    }
  }
  if (kind < 17) {
    const [os, major, minor, server] = pick(WINDOWS_OS, n >> 1)
    const name = `${server ? 'win' : 'ws'}-${site[0].slice(0, 3).toLowerCase()}-${n}`
    return {
      ID,
      DisplayName: name,
      Type: WNT,
      Path: `Asset System\\Windows\\domain1\\${server ? 'Servers' : 'Workstations'}\\${site[0]}`,
      Attributes: [attribute('displayName', name), ...base(n, site, department, 'Windows'),
        attribute(`${WNT}-HostName`, name), attribute(`${WNT}-DomainWorkgroupName`, 'domain1'), attribute(`${WNT}-OSVersionType`, os),
        attribute(`${WNT}-OSMajorVersionNumber`, major), attribute(`${WNT}-OSMinorVersionNumber`, minor), attribute(`${WNT}-TCPIPAddresses`, [ipOf(n, 120)]),
        attribute(`${WNT}-Server`, server ? 'True' : 'False'), attribute(`${WNT}-PDC`, 'False'), attribute(`${WNT}-BDC`, 'False')],
      Simulation: simulation
    }
  }
  if (kind === 17) {
    const host = `win-sql-${n}`
    return {
      ID,
      DisplayName: `${host}\\MSSQLSERVER`,
      Type: SQL,
      Path: 'Asset System\\Databases\\SQL Server',
      Attributes: [attribute('displayName', `${host}\\MSSQLSERVER`), ...base(n, site, 'Database Administration', 'SQL Server'),
        attribute(`${SQL}-hostName`, host), attribute(`${SQL}-serverName`, 'MSSQLSERVER'), attribute(`${SQL}-SQLServerDomainName`, 'domain1')],
      Simulation: { ...simulation, AgentBased: false }
    }
  }
  if (kind === 18) {
    const host = `lnx-mysql-${n}`
    const ip = ipOf(n, 140)
    return {
      ID,
      DisplayName: `${host}:3306`,
      Type: MYSQL,
      Path: 'Asset System\\Databases\\MySQL',
      Attributes: [attribute('displayName', `${host}:3306`), ...base(n, site, 'Database Administration', 'MySQL'),
        attribute(`${MYSQL}-HOSTMACHINE`, host), attribute(`${MYSQL}-IPAddress`, ip), attribute(`${MYSQL}-InstancePortNumber`, '3306')],
      Simulation: simulation
    }
  }
  const ip = ipOf(n, 160)
  return {
    ID,
    DisplayName: ip,
    Type: ROUTER,
    Path: 'Asset System\\Network\\Routers',
    Attributes: [attribute('displayName', ip), ...base(n, site, 'IT Operations', 'Cisco'), attribute(`${ROUTER}-IPAddress`, ip)],
    Simulation: { ...simulation, AgentBased: false }
  }
}

const valueOf = (asset: Asset, suffix: string): string => {
  const found = asset.Attributes.find((a) => a.Name.endsWith(suffix))
  return found === undefined ? '' : found.IsMultiValued ? (found.Values[0] ?? '') : found.Value
}

/** The agent of an agent-based asset (the v2 pages' fields: Name is the address). */
export function estateAgent (seed: string, asset: Asset): Agent {
  const ip = valueOf(asset, '-IPAddress') || valueOf(asset, '-TCPIPAddresses')
  const host = valueOf(asset, '-HostMachine') || valueOf(asset, '-HostName') || valueOf(asset, '-HOSTMACHINE')
  return { ID: stableGuid(seed, `agent ${asset.ID}`), Name: ip, FQDN: `${host}.corp.example.com`, IPAddressList: ip, DisplayVersion: '12.60.10100.1', AssetIDs: [asset.ID] }
}

/** Assets `from` … `from + count - 1` of the estate, and the agents of the agent-based ones. */
export function generateEstate (seed: string, count: number, from = 0): { assets: Asset[], agents: Agent[] } {
  const assets = Array.from({ length: count }, (_, i) => estateAsset(seed, from + i))
  return { assets, agents: assets.filter((a) => a.Simulation.AgentBased).map((a) => estateAgent(seed, a)) }
}

/**
 * A copy of a fixture set (the default one unless `fixturesDir`) in `dir`, with
 * `total` assets in all: the fixture assets, then generated ones and their agents.
 */
export async function fixturesWithEstate (dir: string, total: number, seed = 'ccs-mock', fixturesDir = DEFAULT_FIXTURES_DIR): Promise<{ assets: number, agents: number }> {
  await cp(fixturesDir, dir, { recursive: true })
  const read = async <T>(file: string): Promise<T[]> => JSON.parse(await readFile(join(dir, file), 'utf8').catch(() => '[]')) as T[]
  const assets = await read<Asset>('assets.json')
  const agents = await read<Agent>('agents.json')
  const estate = generateEstate(seed, Math.max(0, total - assets.length), assets.length)
  assets.push(...estate.assets)
  agents.push(...estate.agents)
  await writeFile(join(dir, 'assets.json'), JSON.stringify(assets))
  await writeFile(join(dir, 'agents.json'), JSON.stringify(agents))
  return { assets: assets.length, agents: agents.length }
}
