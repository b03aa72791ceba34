/**
 * The sandbox's stand-in for twilio-taskrouter's `TaskRouterEventHandler`. Flex's bundled CBM SDK subclasses it at
 * load time (ParticipantEventHandler) and passes the subclass as `eventHandlerClass`; the fake Worker receives events
 * from the sandbox server instead, so the mapping is never consulted, but the class must exist and be extendable.
 */
import type * as TaskRouter from 'twilio-taskrouter';

export class TaskRouterEventHandler implements Pick<TaskRouter.TaskRouterEventHandler, 'getTREventsToHandlerMapping'> {
  constructor(_worker: object, _options?: object) {}

  getTREventsToHandlerMapping(): { [key: string]: string } {
    return {};
  }
}
