/**
 * The sandbox's stand-in for twilio-taskrouter's `Workspace`: Flex uses it for the transfer directory (queues and
 * workers). The sandbox has one agent and no directory, so the lists are empty and single lookups fail.
 */
import type * as TaskRouter from 'twilio-taskrouter';
import type { MethodsOf } from './surface';

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

  fetchTaskQueue(queueSid: string): Promise<never> {
    return notFound('TaskQueue', queueSid);
  }

  fetchTaskQueues(_params?: object): Promise<Map<string, never>> {
    return Promise.resolve(new Map<string, never>());
  }

  fetchTask(taskSid: string): Promise<never> {
    return notFound('Task', taskSid);
  }
}
