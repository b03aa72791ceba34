/**
 * What the admin asked for, as parsed from the command line. Plain data: the shell decides how to carry it out.
 */

/** The `customerInactivity` keys that `set` can change through flags. */
export type SettingKey =
  | 'timer_sec'
  | 'warning_sec'
  | 'warning_message'
  | 'closing_message'
  | 'start_on'
  | 'report_outcome';

/** A value given by a flag: seconds as a number, text as a string, `null` to remove the closing message. */
export type SettingValue = number | string | null;

/** `set` with flags: these keys, at the top level, in one queue's overrides, or in one channel's of either. */
export interface FlagEdit {
  readonly kind: 'flags';
  /** The TaskRouter queue the flags apply to (`queues.<name>`), or undefined for the top level. */
  readonly queue?: string | undefined;
  /** The channel type the flags apply to (`channels.<type>` of the queue or the top level), or undefined. */
  readonly channel: string | undefined;
  /** In a fixed order (timer, warning, message, closing message, start_on); a key appears at most once. */
  readonly settings: ReadonlyArray<readonly [SettingKey, SettingValue]>;
}

/** `set --file`: the file's `customerInactivity` replaces the account's. */
export interface FileEdit {
  readonly kind: 'file';
  readonly path: string;
}

/** How to reach the Flex Configuration API. */
export interface Connection {
  /** Replaces https://flex-api.twilio.com (a proxy, or a local test server); undefined for Twilio itself. */
  readonly apiBaseUrl: string | undefined;
  /** Per request, in milliseconds. */
  readonly timeoutMs: number;
}

/** One parsed invocation of `npm run configure`. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'show'; readonly connection: Connection }
  | { readonly kind: 'validate'; readonly path: string }
  | {
      readonly kind: 'set';
      readonly edit: FlagEdit | FileEdit;
      /** Write without asking. */
      readonly yes: boolean;
      readonly connection: Connection;
    };
