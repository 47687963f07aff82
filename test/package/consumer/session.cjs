// One CCS session against a started mock: token, Create Job, then the journal counts it.
// CommonJS, so every caller can load it: ES modules import it, Jest's CommonJS tests require it.
exports.createJobSession = async function createJobSession (ccs) {
  const token = await fetch(`${ccs.apiUrl}/oauth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: 'grant_type=password&username=domain1\\administrator&password=pass@123'
  }).then((res) => res.json())
  const created = await fetch(`${ccs.apiUrl}/jobs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      JobType: 'CollectionEvaluationJob',
      JobDetails: {
        JobName: 'consumer job',
        AssetsResolutionInfo: [{ Id: 'd387d8b5-6278-4bcb-83c7-b55d2072d2a8', Type: 'symc-csm-AssetSystem-Asset-Unix-Machine' }],
        Standards: ['6b020d29-5fe8-47d0-bd89-ccd3339a5ebe']
      }
    })
  })
  return { status: created.status, body: await created.json(), count: await ccs.admin.requests.count({ method: 'POST', path: '/ccs/api/v1/jobs' }) }
}
