import type { WorkerDto } from '../shared/protocol';
import { workerDto } from './dtos';
import { SandboxError } from './errors';
import type { ActivityDto } from './protocolAdditions';
import { SANDBOX_ACCOUNT } from './sandboxAccount';

/** The workspace's activities: Flex's default set, Available first. */
export const WORKSPACE_ACTIVITIES: readonly ActivityDto[] = [
  { sid: SANDBOX_ACCOUNT.availableActivitySid, name: 'Available', available: true },
  { sid: SANDBOX_ACCOUNT.unavailableActivitySid, name: 'Unavailable', available: false },
  { sid: SANDBOX_ACCOUNT.breakActivitySid, name: 'Break', available: false },
  { sid: SANDBOX_ACCOUNT.offlineActivitySid, name: 'Offline', available: false },
];

const AVAILABLE = WORKSPACE_ACTIVITIES[0] as ActivityDto;

/** The sandbox's one worker: starts Available; its activity is the only thing about it that changes. */
export class WorkerState {
  private activity: ActivityDto = AVAILABLE;
  private updatedAt: number;

  constructor(
    private readonly createdAt: number,
    private readonly now: () => number,
  ) {
    this.updatedAt = createdAt;
  }

  /** The worker's wire shape. */
  dto(): WorkerDto {
    return workerDto(this.createdAt, this.updatedAt, this.activity);
  }

  /** Moves the worker to activity `activitySid`; 404 when the workspace has none such. */
  setActivity(activitySid: string): WorkerDto {
    const activity = WORKSPACE_ACTIVITIES.find((candidate) => candidate.sid === activitySid);
    if (activity === undefined) throw new SandboxError(404, `activity ${activitySid} not found`);
    this.activity = activity;
    this.updatedAt = this.now();
    return this.dto();
  }

  /** Back to Available. */
  reset(): void {
    this.activity = AVAILABLE;
    this.updatedAt = this.now();
  }
}
