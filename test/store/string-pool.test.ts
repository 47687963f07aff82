import t from 'tap'
import { StringPool } from '../../src/store/string-pool.js'

t.test('a value joins the pool once; past its capacity only values already in it are shared', async (t) => {
  const pool = new StringPool(2)
  const { share } = pool
  t.equal(share('symc-csm-AssetSystem-Asset-Unix-Machine'), 'symc-csm-AssetSystem-Asset-Unix-Machine')
  t.equal(share(['symc-csm-AssetSystem', 'Asset-Unix-Machine'].join('-')), 'symc-csm-AssetSystem-Asset-Unix-Machine', 'an equal value made apart')
  t.equal(pool.size, 1, 'held once')
  share('6b020d29-5fe8-47d0-bd89-ccd3339a5ebe')
  t.equal(pool.size, 2)
  for (let i = 0; i < 100; i++) t.equal(share(`unique-${i}`), `unique-${i}`)
  t.equal(pool.size, 2, 'values that never repeat do not grow a full pool')
  t.equal(share('6b020d29-5fe8-47d0-bd89-ccd3339a5ebe'), '6b020d29-5fe8-47d0-bd89-ccd3339a5ebe')
})
