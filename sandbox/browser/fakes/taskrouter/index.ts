/**
 * Bundle-time replacement for the `twilio-taskrouter` package in the sandbox's agent desktop (esbuild alias): the same
 * exports as the real module, backed by the sandbox server instead of TaskRouter.
 */
export { Supervisor } from './supervisor';
export { TaskRouterEventHandler } from './eventHandler';
export { Worker } from './worker';
export { Workspace } from './workspace';
