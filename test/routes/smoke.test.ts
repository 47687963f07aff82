import t from 'tap'
import { build, jobPayload, login, postJob } from '../helpers/build.js'

t.test('create job smoke', async (t) => {
  const { app } = await build(t)
  const token = await login(app)
  const res = await postJob(app, token, jobPayload())
  t.equal(res.statusCode, 200, res.body)
  const bad = await postJob(app, token, jobPayload({ AssetTimeOut: 0, JobName: '' }, { JobType: 'collectionjob' }))
  console.log(bad.statusCode, bad.body)
})
