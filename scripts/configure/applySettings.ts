import type { FlagEdit } from './command';
import { isJsonObject } from './jsonValue';
import type { JsonObject } from './jsonValue';

// The one-warning keys; setting either replaces a `warnings` list on the same level (see applyToLayer).
const SINGLE_WARNING_KEYS: readonly string[] = ['warning_sec', 'warning_message'];

/**
 * The new `customerInactivity`: `current` with the flags' keys set, at the top level or in `queues.<name>`, or in
 * `channels.<type>` of either. Every key the flags do not name is kept as is, in place. A `current` (or a queue or
 * channel entry) that is missing or not an object is treated as empty (the diff shows it being replaced).
 */
export function applySettings(current: unknown, edit: FlagEdit): JsonObject {
  const base = isJsonObject(current) ? current : {};
  const settings = Object.fromEntries(edit.settings);
  if (edit.queue === undefined) return applyToLevel(base, edit.channel, settings);
  const queues = objectAt(base, 'queues');
  const queue = applyToLevel(objectAt(queues, edit.queue), edit.channel, settings);
  return { ...base, queues: { ...queues, [edit.queue]: queue } };
}

/** The top level or a queue, with `settings` applied to it or to its `channels.<channel>`. */
function applyToLevel(level: JsonObject, channel: string | undefined, settings: JsonObject): JsonObject {
  if (channel === undefined) return applyToLayer(level, settings);
  const channels = objectAt(level, 'channels');
  return { ...level, channels: { ...channels, [channel]: applyToLayer(objectAt(channels, channel), settings) } };
}

function objectAt(object: JsonObject, key: string): JsonObject {
  const value = Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  return isJsonObject(value) ? value : {};
}

/**
 * `--warning`/`--message` describe the single warning. The plugin ignores them when the same level has a `warnings`
 * list, so keeping the list would make the flags silently do nothing; it is dropped instead, and the diff shows it.
 */
function applyToLayer(layer: JsonObject, settings: JsonObject): JsonObject {
  const setsSingleWarning = Object.keys(settings).some((key) => SINGLE_WARNING_KEYS.includes(key));
  const kept = setsSingleWarning ? withoutKey(layer, 'warnings') : layer;
  return { ...kept, ...settings };
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
}
