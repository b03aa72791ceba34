/**
 * The sandbox's stand-in for twilio-taskrouter's `Workspace`: Flex uses it for the transfer directory (queues and
 * workers) and to name the queue a transfer went to. The sandbox has one agent and no directory, so the lists are
 * empty; a single queue the sandbox server knows is found, everything else fails.
 */
import type * as TaskRouter from 'twilio-taskrouter';
import { fetchQueue } from './sandboxServer';
import type { MethodsOf } from './surface';

/** The fields of a TaskRouter `TaskQueue` Flex reads (its name for a transfer; Insights its sid and dates). */
type SandboxTaskQueue = Pick<TaskRouter.TaskQueue, 'sid' | 'name' | 'workplaceSid' | 'dateUpdated'>;

type WorkspaceMethods =
  | 'fetchWorker'
  | 'fetchWorkers'
  | 'fetchWorkerInfo'
  | 'fetchWorkersInfo'
  | 'fetchTaskQueue'
  | 'fetchTaskQueues'
  | 'fetchTask';

function notFound(what: string, sid: string): Promise<never> {
  return Promise.reject(new Error(`${what} ${sid} not found in the sandbox workspace`));
}

export class Workspace
  implements
    Pick<TaskRouter.Workspace, 'workspaceSid' | 'updateToken'>,
    MethodsOf<TaskRouter.Workspace, WorkspaceMethods>
{
  readonly workspaceSid: string;

  constructor(_jwt: string, _options?: object, workspaceSid?: string) {
    this.workspaceSid = workspaceSid ?? '';
  }

  updateToken(_newToken: string): void {
    // Nothing to refresh: the sandbox server does not check tokens.
  }

  fetchWorker(workerSid: string): Promise<never> {
    return notFound('Worker', workerSid);
  }

  fetchWorkers(_params?: object): Promise<Map<string, never>> {
    return Promise.resolve(new Map<string, never>());
  }

  fetchWorkerInfo(workerSid: string): Promise<never> {
    return notFound('Worker', workerSid);
  }

  fetchWorkersInfo(_params?: object): Promise<Map<string, never>> {
    return Promise.resolve(new Map<string, never>());
  }

  async fetchTaskQueue(queueSid: string): Promise<SandboxTaskQueue> {
    const queue = await fetchQueue(queueSid);
    if (queue === null) return notFound('TaskQueue', queueSid);
    return { sid: queue.sid, name: queue.name, workplaceSid: this.workspaceSid, dateUpdated: new Date() };
  }

  fetchTaskQueues(_params?: object): Promise<Map<string, never>> {
    return Promise.resolve(new Map<string, never>());
  }

  fetchTask(taskSid: string): Promise<never> {
    return notFound('Task', taskSid);
  }
}
