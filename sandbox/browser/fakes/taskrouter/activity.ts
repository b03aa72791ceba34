/**
 * The sandbox's stand-in for twilio-taskrouter's `Activity`. The sandbox protocol only carries the worker's current
 * activity, so the workspace's usual Flex activities are synthesised around it (see protocolNeeds.md).
 */
import type * as TaskRouter from 'twilio-taskrouter';
import type { WorkerDto } from '../../../shared/protocol';
import type { MethodsOf } from './surface';

type ActivityData =
  | 'accountSid'
  | 'available'
  | 'dateCreated'
  | 'dateUpdated'
  | 'isCurrent'
  | 'name'
  | 'sid'
  | 'workspaceSid';

export class Activity
  implements Pick<TaskRouter.Activity, ActivityData>, MethodsOf<TaskRouter.Activity, 'setAsCurrent'>
{
  isCurrent = false;
  readonly dateCreated: Date;
  readonly dateUpdated: Date;

  constructor(
    readonly sid: string,
    readonly name: string,
    readonly available: boolean,
    readonly accountSid: string,
    readonly workspaceSid: string,
    private readonly makeCurrent: (activity: Activity) => void,
  ) {
    this.dateCreated = new Date(0);
    this.dateUpdated = new Date(0);
  }

  setAsCurrent(_options?: TaskRouter.ActivityOptions): Promise<this> {
    this.makeCurrent(this);
    return Promise.resolve(this);
  }
}

/** The activities a default Flex workspace has, by name and availability. */
const DEFAULT_ACTIVITIES: ReadonlyArray<readonly [name: string, available: boolean]> = [
  ['Available', true],
  ['Unavailable', false],
  ['Offline', false],
  ['Break', false],
];

/** A stable, sid-shaped id for a synthesised activity (WA + 32 hex digits derived from its name). */
function activitySidFor(name: string): string {
  const hex = Array.from(name.toLowerCase(), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return `WA${hex.padEnd(32, '0').slice(0, 32)}`;
}

/** Builds the worker's activity list: the defaults, with the worker's current activity (sid and name) among them. */
export function buildActivities(
  worker: WorkerDto,
  accountSid: string,
  makeCurrent: (activity: Activity) => void,
): Map<string, Activity> {
  const activities = new Map<string, Activity>();
  const add = (sid: string, name: string, available: boolean): void => {
    const activity = new Activity(sid, name, available, accountSid, worker.workspaceSid, makeCurrent);
    activity.isCurrent = sid === worker.activitySid;
    activities.set(sid, activity);
  };
  add(worker.activitySid, worker.activityName, worker.available);
  for (const [name, available] of DEFAULT_ACTIVITIES) {
    if (name !== worker.activityName) add(activitySidFor(name), name, available);
  }
  return activities;
}
