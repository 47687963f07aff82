import t from 'tap'
import { StringPool } from '../../src/store/string-pool.js'

// Equal strings cannot be told apart in JS: what the pool holds is seen through its size.
t.test('a value joins the pool once; past its capacity only values already in it are shared', async (t) => {
  const pool = new StringPool(2)
  const { share } = pool
  share('symc-csm-AssetSystem-Asset-Unix-Machine')
  share(['symc-csm-AssetSystem', 'Asset-Unix-Machine'].join('-'))
  t.equal(pool.size, 1, 'an equal value made apart is held once')
  share('6b020d29-5fe8-47d0-bd89-ccd3339a5ebe')
  t.equal(pool.size, 2)
  for (let i = 0; i < 100; i++) share(`unique-${i}`)
  t.equal(pool.size, 2, 'values that never repeat do not grow a full pool')
})

t.test('a long value never joins: a pooled value outlives every record holding it', async (t) => {
  const pool = new StringPool(10)
  t.equal(pool.share('x'.repeat(257)), 'x'.repeat(257), 'answered as it is')
  t.equal(pool.size, 0)
  pool.share('x'.repeat(256))
  t.equal(pool.size, 1, '256 characters still join')
})
