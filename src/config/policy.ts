/**
 * The resolved, validated inactivity policy. Everything downstream of the configuration parser works with these
 * types only; raw `ui_attributes` never leave `parseInactivityConfig`.
 */

import { hasOwn } from './hasOwn';

/** When the countdown runs. */
export type StartOn =
  /** The original behaviour: the countdown restarts at accept and at every customer message. */
  | 'customer_message'
  /** The countdown runs only while the customer owes a reply: it starts at an agent message and stops at the customer's. */
  | 'agent_reply';

/** One nudge sent to the customer `beforeMs` before the deadline. */
export interface WarningPolicy {
  readonly beforeMs: number;
  /** Template; may contain `{{remaining}}` and `{{customerName}}`. */
  readonly message: string;
}

/** The policy that applies to one conversation, after channel overrides are merged. */
export interface ChannelPolicy {
  readonly enabled: boolean;
  readonly timerMs: number;
  readonly startOn: StartOn;
  /** Sorted by `beforeMs` descending, so index 0 is the first warning the customer sees in a cycle. */
  readonly warnings: readonly WarningPolicy[];
  /** Sent to the customer just before the wrap-up; null sends nothing. */
  readonly closingMessage: string | null;
  readonly extendMs: number;
  /**
   * Written to the task's `conversations.outcome` (which Flex Insights reports on) at an inactivity wrap-up, unless
   * an outcome is already set; null writes none.
   */
  readonly reportOutcome: string | null;
}

/** The policies of one level: a policy for every channel type, with a fallback for channels not named. */
export interface PolicySet {
  readonly defaultPolicy: ChannelPolicy;
  /** Keyed by `task.attributes.channelType` (web, sms, whatsapp, messenger, ...). */
  readonly channelPolicies: Readonly<Record<string, ChannelPolicy>>;
}

/**
 * The whole configuration: the top level's policies, and those of each TaskRouter queue the admin configured (each
 * already merged: top level < channel < queue < queue's channel).
 */
export interface InactivityConfig extends PolicySet {
  /** Keyed by `task.queueName`; absent when no queue is configured. Every top-level channel type is repeated here. */
  readonly queuePolicies?: Readonly<Record<string, PolicySet>>;
}

/** What decides which policy a task gets. */
export interface PolicyScope {
  readonly channelType: string;
  /** The TaskRouter queue the task came through (`task.queueName`). */
  readonly queueName?: string | undefined;
}

/** One thing wrong (or worth telling) about the admin's configuration. */
export interface ConfigProblem {
  /** `error`: the value was rejected and a fallback used; `notice`: nothing was rejected but the admin should know. */
  readonly level: 'error' | 'notice';
  /** Dotted path of the offending key, e.g. `customerInactivity.channels.sms.timer_sec`. */
  readonly key: string;
  /** A complete sentence naming the key, the value and what is expected. */
  readonly message: string;
}

/** What parsing produced: always a usable config, plus the problems found on the way. */
export interface ParsedConfig {
  readonly config: InactivityConfig;
  readonly problems: readonly ConfigProblem[];
}

/** The policy a task gets: the most specific of its queue's channel, its queue, its channel, the top level. */
export function policyFor(config: InactivityConfig, scope: PolicyScope): ChannelPolicy {
  const [set, own] = policiesOf(config, scope);
  return own || set.defaultPolicy;
}

/**
 * Whether the plugin times a task. Email also runs on Conversations, but a customer answering an email hours later
 * is normal: it is timed only when the admin configures `channels.email` explicitly (at the top level or in the
 * task's queue).
 */
export function isTimed(config: InactivityConfig, scope: PolicyScope): boolean {
  const [set, own] = policiesOf(config, scope);
  return (own || set.defaultPolicy).enabled && (scope.channelType !== 'email' || own !== undefined);
}

// `||`, not `??`, throughout: policies are objects, and the old toolchain spells `??` out at length in the bundle.
/** The policies of the task's queue (else the top level's), and its channel's own policy there, if configured. */
function policiesOf(config: InactivityConfig, scope: PolicyScope): [PolicySet, ChannelPolicy | undefined] {
  const set = (scope.queueName !== undefined && ownValue(config.queuePolicies, scope.queueName)) || config;
  return [set, ownValue(set.channelPolicies, scope.channelType)];
}

function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && hasOwn(record, key) ? record[key] : undefined;
}

/** Whether two policies are the same in every setting (warnings compared one by one, in order). */
export function samePolicy(a: ChannelPolicy, b: ChannelPolicy): boolean {
  const fields = ['enabled', 'timerMs', 'startOn', 'closingMessage', 'extendMs', 'reportOutcome'] as const;
  return (
    fields.every((field) => a[field] === b[field]) &&
    a.warnings.length === b.warnings.length &&
    a.warnings.every((warning, i) => {
      const other = b.warnings[i];
      return other !== undefined && warning.beforeMs === other.beforeMs && warning.message === other.message;
    })
  );
}
