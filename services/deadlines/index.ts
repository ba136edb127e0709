/** The deadlines feature's domain: tasks, assignees' answers, nudge planning and the scheduler. */
export { Deadlines, SYSTEM_ACTOR, outcomesOf } from './deadlines';
export type { AssigneeStatus, CreateTaskInput, Outcome, TaskDoc, TaskKind, TaskStatus } from './model';
