// Preloaded (--import) into server processes that tests start. When tap kills a test
// process on timeout its teardowns never run; without this the server would live on
// as an orphan. A child whose parent is gone is re-parented, so its ppid changes.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL')
}, 500).unref()
