/** The sandbox's automation API (README: "Automation API"), as the browser tests call it. */
export interface MessageView {
  readonly index: number;
  readonly from: 'customer' | 'agent' | 'supervisor' | 'bot' | 'system';
  readonly author: string;
  readonly body: string;
  readonly attributes: Record<string, unknown>;
  readonly dateCreated: string;
}

export interface TaskView {
  readonly sid: string;
  readonly status: 'pending' | 'accepted' | 'wrapping' | 'completed' | 'canceled';
  readonly conversationSid: string;
  /** The TaskRouter queue the task came through (POST /sandbox/conversations `queueName`, default `Everyone`). */
  readonly queueName: string;
  /** The task's whole current attributes, including what `Task.setAttributes` stored. */
  readonly attributes: Record<string, unknown>;
}

export interface NewConversation {
  readonly conversationSid: string;
  readonly taskSid: string;
}

/** A fault waiting for the next wrap-up request of its task (README: "Automation API"). */
export interface FaultView {
  readonly taskSid: string;
  readonly action: 'wrapup';
  readonly outcome: 'fail' | 'hang';
  readonly delayMs: number;
}

/** A cold transfer to a queue, as the Interactions API lists it (README: "Automation API"). */
export interface TransferView {
  readonly sid: string;
  readonly status: 'active' | 'completed' | 'failed';
  /** The queue (WQ...) it goes to. */
  readonly to: string;
}

/** The answer of POST /sandbox/worker/reconnect (README: "Automation API"). */
export interface WorkerReconnectView {
  readonly offlineMs: number;
  /** When the agent pages' Worker reconnects and emits `ready` (ISO-8601). */
  readonly reconnectAt: string;
}

export class SandboxApi {
  constructor(readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  reset(): Promise<unknown> {
    return this.call('POST', '/sandbox/reset');
  }

  createConversation(body: {
    channelType: 'web' | 'sms' | 'whatsapp';
    customerName?: string;
    autoAccept?: boolean;
    /** TaskRouter queue name the task is routed through; Flex's task shows it (default `Everyone`). */
    queueName?: string;
  }): Promise<NewConversation> {
    return this.call('POST', '/sandbox/conversations', body);
  }

  /** Posts a message; `dateCreated` (ISO-8601) backdates it, as Twilio's `DateCreated` does for imported messages. */
  send(
    conversationSid: string,
    from: 'customer' | 'agent' | 'supervisor' | 'bot',
    body: string,
    options: { dateCreated?: string } = {},
  ): Promise<unknown> {
    return this.call('POST', `/sandbox/conversations/${conversationSid}/messages`, { from, body, ...options });
  }

  messages(conversationSid: string): Promise<MessageView[]> {
    return this.call('GET', `/sandbox/conversations/${conversationSid}/messages`);
  }

  task(taskSid: string): Promise<TaskView> {
    return this.call('GET', `/sandbox/tasks/${taskSid}`);
  }

  /** The task's current attributes as the server stores them (what the pages' `Task.setAttributes` last wrote). */
  async taskAttributes(taskSid: string): Promise<Record<string, unknown>> {
    return (await this.task(taskSid)).attributes;
  }

  /**
   * The task's attributes once the plugin has recorded its inactivity outcome there, which it does right after the
   * task moved to wrap-up (so a test that saw `wrapping` waits a moment more for it).
   */
  async outcomeAttributes(taskSid: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const task = await this.waitFor(
      () => this.task(taskSid),
      (each) => 'inactivity' in each.attributes,
      timeoutMs,
    );
    return task.attributes;
  }

  setConfig(customerInactivity: unknown): Promise<unknown> {
    return this.call('PUT', '/sandbox/config', { customerInactivity });
  }

  setConnection(state: 'connected' | 'disconnected'): Promise<unknown> {
    return this.call('POST', '/sandbox/connection', { state });
  }

  /**
   * Makes the next WrapupTask of `taskSid` fail: its Interactions request answers an error after `delayMs` (default
   * 0) with `fail`, or is held `delayMs` (default 30 s) and then fails with `hang`. The task stays accepted. Flex
   * itself gives up on the request after 5 s, and WrapupTask resolves either way.
   */
  fault(fault: { taskSid: string; action: 'wrapup'; outcome: 'fail' | 'hang'; delayMs?: number }): Promise<FaultView> {
    return this.call('POST', '/sandbox/faults', fault);
  }

  /**
   * Drops the agent pages' TaskRouter connection for `offlineMs` (default 0): reservation events meanwhile are lost,
   * not delayed. Then each page's Worker reconnects and emits `ready` with the reservations as they are then, and Flex
   * rebuilds its task list from them without any per-task event. Resolves (202) as soon as the worker is offline, so
   * a test can change tasks during the window; it is back at `reconnectAt`. Rejects (409) while already offline.
   */
  reconnectWorker(options: { offlineMs?: number } = {}): Promise<WorkerReconnectView> {
    return this.call('POST', '/sandbox/worker/reconnect', options);
  }

  /**
   * The agent cold-transfers accepted task `taskSid` to a queue (201): the transfer is pending, and the agent's Flex
   * lists it as active, as after a transfer Flex started itself.
   */
  startTransfer(taskSid: string, queueName?: string): Promise<TransferView> {
    return this.call('POST', `/sandbox/tasks/${taskSid}/transfer`, {
      to: 'queue',
      ...(queueName === undefined ? {} : { queueName }),
    });
  }

  /** The pending transfer fails; the chat stays with the agent. Flex sees the failure when it next loads the chat. */
  failTransfer(taskSid: string): Promise<TransferView> {
    return this.call('DELETE', `/sandbox/tasks/${taskSid}/transfer`);
  }

  /** Another agent takes the transferred chat: this agent leaves it and their task moves to wrap-up. */
  acceptTransfer(taskSid: string): Promise<TransferView> {
    return this.call('POST', `/sandbox/tasks/${taskSid}/transfer/accept`);
  }

  /** Faults whose request has not arrived yet; a fault leaves the list when its request arrives. */
  faults(): Promise<FaultView[]> {
    return this.call('GET', '/sandbox/faults');
  }

  /** Messages the plugin sent: marked with its attributes. */
  async pluginMessages(conversationSid: string): Promise<MessageView[]> {
    return (await this.messages(conversationSid)).filter((message) => 'conversationsInactivity' in message.attributes);
  }

  /** Polls task `taskSid` until it has `status` or `timeoutMs` passes; returns the task as last read. */
  waitForStatus(taskSid: string, status: TaskView['status'], timeoutMs: number): Promise<TaskView> {
    return this.waitFor(
      () => this.task(taskSid),
      (task) => task.status === status,
      timeoutMs,
    );
  }

  /** Polls `read` until `accept` holds or `timeoutMs` passes; returns the last value read. */
  async waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    let value = await read();
    while (!accept(value) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      value = await read();
    }
    return value;
  }
}
