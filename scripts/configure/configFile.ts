import { CliError } from './cliError';
import { ExitCode } from './exitCodes';
import { isJsonObject } from './jsonValue';

/** What a configuration file holds. */
export interface ConfigFileContent {
  /** The `customerInactivity` value to check or write. */
  readonly inactivity: unknown;
  /** Keys next to `customerInactivity` in a wrapped file; they are never written, and the admin is told so. */
  readonly ignoredKeys: readonly string[];
}

/**
 * Reads a configuration file's text. Accepts the bare `customerInactivity` object (what the README examples show
 * inside the braces), or an object with a `customerInactivity` key, e.g. a saved copy of `ui_attributes`: the name
 * `customerInactivity` is not a key the bare form can have, so the two never collide.
 * Throws a {@link CliError} with {@link ExitCode.InvalidConfig} when the text is not JSON.
 */
export function parseConfigFile(text: string, path: string): ConfigFileContent {
  const json = parseJson(text, path);
  if (isJsonObject(json) && Object.prototype.hasOwnProperty.call(json, 'customerInactivity')) {
    const ignoredKeys = Object.keys(json).filter((key) => key !== 'customerInactivity');
    return { inactivity: json.customerInactivity, ignoredKeys };
  }
  return { inactivity: json, ignoredKeys: [] };
}

function parseJson(text: string, path: string): unknown {
  try {
    // Editors on Windows save a byte order mark that JSON.parse rejects.
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(ExitCode.InvalidConfig, `${path} is not valid JSON (${reason}); nothing was checked.`);
  }
}
