/** Where the sandbox reports what it does; console by default, a recorder or nothing in tests. */
export interface SandboxLog {
  readonly info: (message: string) => void;
  readonly warn: (message: string) => void;
}

/** Logs to the console. */
export const consoleLog: SandboxLog = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
};
