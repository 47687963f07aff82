import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_FIXTURES_DIR } from '../../src/config.js'
import type { Asset } from '../../src/schemas/catalog.js'

const OPERATING_SYSTEMS = ['Red Hat Enterprise Linux 8.9', 'Ubuntu 22.04 LTS', 'Windows Server 2019 Datacenter', 'Windows Server 2022 Standard', 'SUSE Linux Enterprise Server 15 SP5', 'AIX 7.3']
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width)

function syntheticAsset (n: number): Asset {
  const os = OPERATING_SYSTEMS[n % OPERATING_SYSTEMS.length] ?? 'AIX 7.3'
  const windows = os.startsWith('Windows')
  const name = `${windows ? 'win' : 'unix'}-bench-${n}`
  const attribute = (Name: string, Value: string) => ({ Name, Value, Values: [], IsMultiValued: false })
  return {
    ID: `${hex(n, 8)}-b3c4-4d5e-8f60-${hex(n * 7919, 12)}`,
    DisplayName: name,
    Type: windows ? 'symc-csm-AssetSystem-Asset-Wnt-Machine' : 'symc-csm-AssetSystem-Asset-Unix-Machine',
    Path: windows ? 'Asset System\\Windows\\domain1\\Bench' : 'Asset System\\Unix\\Linux\\Bench',
    Attributes: [
      attribute('displayName', name),
      attribute('hostName', `${name}.corp.example.com`),
      attribute('ipAddress', `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`),
      attribute('operatingSystem', os),
      attribute('department', ['Finance', 'IT', 'HR', 'Engineering'][n % 4] ?? 'IT'),
      { Name: 'roles', Value: '', Values: n % 5 === 0 ? ['web', 'db2'] : ['web'], IsMultiValued: true }
    ],
    Simulation: { AgentBased: n % 2 === 0, Reachable: true, Profile: 'baseline' }
  }
}

/** A copy of the default fixtures with `total` assets (the defaults plus synthetic ones). */
export async function fixturesWithAssets (dir: string, total: number): Promise<void> {
  await cp(DEFAULT_FIXTURES_DIR, dir, { recursive: true })
  const assets = JSON.parse(await readFile(join(dir, 'assets.json'), 'utf8')) as Asset[]
  for (let n = assets.length; n < total; n++) assets.push(syntheticAsset(n))
  await writeFile(join(dir, 'assets.json'), JSON.stringify(assets))
}
