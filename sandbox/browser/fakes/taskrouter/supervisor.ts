/** The sandbox's stand-in for twilio-taskrouter's `Supervisor`, the Worker subclass Flex actually constructs. */
import type * as TaskRouter from 'twilio-taskrouter';
import type { MethodsOf } from './surface';
import { Worker } from './worker';

type SupervisorMethods = 'monitor' | 'setWorkerAttributes' | 'setWorkerActivity';

export class Supervisor extends Worker implements MethodsOf<TaskRouter.Supervisor, SupervisorMethods> {
  monitor(_taskSid: string, _reservationSid: string, _extraParams: object): Promise<never> {
    return Promise.reject(new Error('Supervisor.monitor is not supported by the sandbox (no voice)'));
  }

  setWorkerAttributes(_workerSid: string, _attributes: Record<string, unknown>): Promise<never> {
    return Promise.reject(new Error('Supervisor.setWorkerAttributes is not supported by the sandbox TaskRouter'));
  }

  setWorkerActivity(_workerSid: string, _activitySid: string, _options?: TaskRouter.ActivityOptions): Promise<never> {
    return Promise.reject(new Error('Supervisor.setWorkerActivity is not supported by the sandbox TaskRouter'));
  }
}
