import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { CatalogData } from '../../src/domain/catalog/catalog.js'

export const WNT_TYPE = 'symc-csm-AssetSystem-Asset-Wnt-Machine'
export const MANAGE_TASKS = ['View standards', 'View assets', 'Manage assets and asset groups', 'Manage Standards']

/** The vendor sample's single Windows asset (Create Asset page). */
export const SAMPLE_WINDOWS_ASSET = {
  Type: WNT_TYPE,
  [`${WNT_TYPE}-HostName`]: 'MyWinAsset',
  [`${WNT_TYPE}-DomainWorkgroupName`]: 'NewDomain'
}

async function send (app: FastifyInstance, method: 'POST' | 'DELETE', url: string, token: string | undefined, payload: unknown): Promise<LightMyRequestResponse> {
  return await app.inject({
    method,
    url: `/ccs/api/v1/${url}`,
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload)
  })
}

/** `POST assets`; a string payload is sent as it is. */
export const postAssets = async (app: FastifyInstance, token: string | undefined, payload: unknown) => await send(app, 'POST', 'assets', token, payload)
export const deleteAssets = async (app: FastifyInstance, token: string | undefined, payload: unknown) => await send(app, 'DELETE', 'assets', token, payload)
export const deleteStandards = async (app: FastifyInstance, token: string | undefined, payload: unknown) => await send(app, 'DELETE', 'Standards', token, payload)

/** `<data-dir>/catalog.json` as it is on disk. */
export async function storedCatalog (dataDir: string): Promise<CatalogData> {
  return JSON.parse(await readFile(join(dataDir, 'catalog.json'), 'utf8')) as CatalogData
}
