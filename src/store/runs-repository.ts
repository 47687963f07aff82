import type { LatestEvaluations } from '../domain/catalog/asset-view.js'
import type { EvaluationResult, JobRun } from '../schemas/run.js'
import { StoredRunSchema } from '../schemas/stored-run.js'
import type { WriteFence } from './json-document.js'
import { recordShape } from './record-shape.js'
import { SegmentedCollection } from './segmented-collection.js'

/** Checked on every stored run as a segment loads. */
const runShape = recordShape(StoredRunSchema)

const pairKey = (assetId: string, standardId: string): string => `${assetId.toLowerCase()}|${standardId.toLowerCase()}`

/** Job runs (with their results) in segment files (`runs/segment-NNNNNN.json`), found by run and by job. */
export class RunsRepository implements LatestEvaluations {
  private readonly byJob = new Map<string, JobRun[]>()
  /** Results per asset and standard, in the order they were written. */
  private readonly resultsByPair = new Map<string, EvaluationResult[]>()
  /** The standards evaluated on each asset (lower-case IDs). */
  private readonly standardsByAsset = new Map<string, Set<string>>()

  private constructor (private readonly runs: SegmentedCollection<JobRun>) {
    for (const run of runs.all()) this.index(run)
    for (const list of this.byJob.values()) list.sort((a, b) => a.queuedAt - b.queuedAt)
  }

  static async open (dir: string, segmentSize: number, fence?: WriteFence): Promise<RunsRepository> {
    return new RunsRepository(await SegmentedCollection.open<JobRun>({
      dir, segmentSize, field: 'runs', keyOf: (run) => run.runId, problemOf: runShape, ...(fence === undefined ? {} : { fence })
    }))
  }

  get (runId: string): JobRun | undefined {
    return this.runs.get(runId.toLowerCase())
  }

  /** A job's runs, oldest first. */
  ofJob (jobId: string): readonly JobRun[] {
    return this.byJob.get(jobId.toLowerCase()) ?? []
  }

  latestOf (jobId: string): JobRun | undefined {
    return this.ofJob(jobId).at(-1)
  }

  /** Every stored evaluation of the standard on the asset, oldest first. */
  resultsFor (assetId: string, standardId: string): readonly EvaluationResult[] {
    return this.resultsByPair.get(pairKey(assetId, standardId)) ?? []
  }

  /** The latest evaluation of each standard evaluated on the asset. */
  latestResultsOf (assetId: string): EvaluationResult[] {
    const standards = this.standardsByAsset.get(assetId.toLowerCase()) ?? []
    return [...standards].flatMap((standardId) => this.resultsFor(assetId, standardId).at(-1) ?? [])
  }

  all (): IterableIterator<JobRun> {
    return this.runs.all()
  }

  async insert (run: JobRun): Promise<void> {
    this.index(run)
    try {
      await this.runs.insert(run)
    } catch (err) {
      this.unindex(run)
      throw err
    }
  }

  async update (run: JobRun): Promise<void> {
    const old = this.get(run.runId)
    if (old === undefined) throw new Error(`no run ${run.runId}`)
    this.swap(old, run)
    try {
      await this.runs.replace(run)
    } catch (err) {
      this.swap(run, old)
      throw err
    }
  }

  /**
   * Takes out runs whose deletion is committed (PurgeLog), for good even when a write
   * fails; resolves with the first write's error, if any. Each key is looked up as
   * stored first: an imported run may keep an ID that is not lower-case.
   */
  async discard (runIds: string[]): Promise<Error | undefined> {
    const runs = runIds.flatMap((id) => this.runs.get(id) ?? this.get(id) ?? [])
    const gone = new Set(runs)
    for (const job of new Set(runs.map((run) => run.jobId.toLowerCase()))) {
      const left = (this.byJob.get(job) ?? []).filter((run) => !gone.has(run))
      if (left.length === 0) this.byJob.delete(job)
      else this.byJob.set(job, left)
    }
    for (const run of runs) this.unindexResults(run)
    return await this.runs.discard(runs.map((run) => run.runId))
  }

  async flush (): Promise<void> {
    await this.runs.flush()
  }

  private index (run: JobRun): void {
    const key = run.jobId.toLowerCase()
    const list = this.byJob.get(key)
    if (list === undefined) this.byJob.set(key, [run])
    else list.push(run)
    this.indexResults(run)
  }

  private unindex (run: JobRun): void {
    const list = this.byJob.get(run.jobId.toLowerCase())
    const at = list?.indexOf(run) ?? -1
    if (list !== undefined && at !== -1) list.splice(at, 1)
    this.unindexResults(run)
  }

  private swap (from: JobRun, to: JobRun): void {
    const list = this.byJob.get(from.jobId.toLowerCase())
    const at = list?.indexOf(from) ?? -1
    if (list !== undefined && at !== -1) list[at] = to
    this.unindexResults(from)
    this.indexResults(to)
  }

  private indexResults (run: JobRun): void {
    for (const result of run.results) {
      const key = pairKey(result.AssetID, result.StandardID)
      const list = this.resultsByPair.get(key)
      if (list === undefined) this.resultsByPair.set(key, [result])
      else list.push(result)
      const asset = result.AssetID.toLowerCase()
      const standards = this.standardsByAsset.get(asset) ?? new Set<string>()
      standards.add(result.StandardID.toLowerCase())
      this.standardsByAsset.set(asset, standards)
    }
  }

  private unindexResults (run: JobRun): void {
    for (const result of run.results) {
      const key = pairKey(result.AssetID, result.StandardID)
      const list = this.resultsByPair.get(key)?.filter((r) => r.JobRunID !== run.runId) ?? []
      if (list.length === 0) {
        this.resultsByPair.delete(key)
        this.standardsByAsset.get(result.AssetID.toLowerCase())?.delete(result.StandardID.toLowerCase())
      } else {
        this.resultsByPair.set(key, list)
      }
    }
  }
}
