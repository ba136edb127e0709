/** The deadlines feature's domain: tasks, assignees' answers, nudge planning and the scheduler. */
export { Deadlines, SYSTEM_ACTOR, outcomesOf } from './deadlines';
export type { AssigneeStatus, CreateTaskInput, Outcome, TaskDoc, TaskKind, TaskStatus } from './model';
export { deadlinesMinutesSource } from './minutes';
export { NudgeScheduler, type SchedulerOptions, type SweepReport } from './scheduler';
export { DeliveryError, type DeliveryFailure, type Nudge, type NudgeDelivery } from './delivery';
