import type { StoredSchedule } from '../schemas/job.js'
import { parseDotNetDate } from './dotnet-time.js'

const DAY = 86_400_000

// Placeholder until the schedule maths lands (branch `schedule`): run once and every N days in UTC.
export function nextRunTime (schedule: StoredSchedule | null, after: number, _zone: string): number | undefined {
  if (schedule === null) return undefined
  const start = parseDotNetDate(schedule.StartDate) ?? 0
  if (schedule.RunOnce) return start > after ? start : undefined
  if (!schedule.RunPeriodically || schedule.RepeatDays < 1) return undefined
  if (start > after) return start
  const step = schedule.RepeatDays * DAY
  return start + (Math.floor((after - start) / step) + 1) * step
}

export function subScheduleRunTimes (schedule: StoredSchedule, scheduledAt: number, _zone: string): number[] {
  const times: number[] = []
  if (schedule.SubScheduleRepeatDays < 1 || schedule.SubScheduleRepeatPeriodDays < 1) return times
  for (let t = scheduledAt + schedule.SubScheduleRepeatDays * DAY; t <= scheduledAt + schedule.SubScheduleRepeatPeriodDays * DAY; t += schedule.SubScheduleRepeatDays * DAY) times.push(t)
  return times
}
