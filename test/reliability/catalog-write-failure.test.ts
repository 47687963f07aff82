import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import t from 'tap'
import { build, DB2_GROUP, login, UNIX_ASSET } from '../helpers/build.js'
import { deleteAssets, deleteStandards, postAssets, SAMPLE_WINDOWS_ASSET, storedCatalog } from '../helpers/catalog-writes.js'
import { get } from '../helpers/read-api.js'

const CORP_LINUX = 'c0b5a644-1aa1-4972-8f53-6c77cb3153a3'

/** What the API serves about the catalog: every asset, the DB2 group, every standard. */
async function served (app: FastifyInstance, token: string): Promise<unknown> {
  const read = async (url: string): Promise<unknown> => (await get(app, token, `/ccs/api/v1/${url}`)).json()
  return {
    assets: await read('Assets?pagesize=1000'),
    newAsset: await read(`Assets?Attributes=${encodeURIComponent('displayName = MyWinAsset')}`),
    group: await read(`AssetGroup/${DB2_GROUP}`),
    members: await read(`AssetGroup/${DB2_GROUP}/Assets`),
    standards: await read('Standards?pagesize=1000')
  }
}

const WRITES: Array<{ name: string, send: (app: FastifyInstance, token: string) => Promise<LightMyRequestResponse> }> = [
  { name: 'POST assets', send: async (app, token) => await postAssets(app, token, [SAMPLE_WINDOWS_ASSET]) },
  { name: 'DELETE assets', send: async (app, token) => await deleteAssets(app, token, [UNIX_ASSET]) },
  { name: 'DELETE Standards', send: async (app, token) => await deleteStandards(app, token, { StandardList: [{ Type: 'ID', Standards: [CORP_LINUX] }] }) }
]

for (const write of WRITES) {
  t.test(`${write.name} whose write fails answers 500 and changes nothing, on disk or served`, async (t) => {
    const { app, dataDir } = await build(t)
    const token = await login(app)
    const before = { disk: await storedCatalog(dataDir), served: await served(app, token) }
    // A directory where lowdb wants its temp file: the write fails, as on a full disk.
    const blocker = join(dataDir, '.catalog.json.tmp')
    await mkdir(blocker)

    const failed = await write.send(app, token)
    t.equal(failed.statusCode, 500)
    t.strictSame(failed.json(), { Message: 'An error has occurred.' })
    t.notMatch(failed.body, /EISDIR|tmp|catalog/, 'nothing internal leaks')
    t.strictSame(await storedCatalog(dataDir), before.disk, 'the data on disk is unchanged')
    t.strictSame(await served(app, token), before.served, 'what is served is unchanged (searches, groups, order)')

    await rm(blocker, { recursive: true })
    const retried = await write.send(app, token)
    t.equal(retried.statusCode, 200, 'the same change succeeds once the disk recovers')
    t.notSame(await storedCatalog(dataDir), before.disk, 'and is on disk')
  })
}
