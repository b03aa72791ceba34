/**
 * A typed event emitter with the surface of the real SDK's ReplayEventEmitter (Node's EventEmitter plus the
 * `*WithReplay` methods). Flex calls `on`, `addListener`, `removeListener`, `off`, `once` and `removeAllListeners` on
 * the client, conversations, participants and users, so all of them must exist, with Node's semantics:
 * listeners run synchronously in registration order, a listener's exception propagates to `emit`'s caller, and
 * `removeListener` removes the most recently added registration of that function.
 */

/** Event name -> listener signature. A type alias (not an interface) so it satisfies the index signature. */
export type EventMap = Record<string, (...args: never[]) => void>;

/** Emits one of `Events` on another emitter: how the client repeats the events of its conversations and users. */
export type Emit<Events extends EventMap> = <E extends keyof Events & string>(
  event: E,
  ...args: Parameters<Events[E]>
) => void;

interface Registration<Events extends EventMap> {
  readonly listener: Events[keyof Events];
  readonly once: boolean;
}

export class ReplayEmitter<Events extends EventMap> {
  private readonly registrations = new Map<keyof Events, Array<Registration<Events>>>();
  /** Arguments of the latest emission of each event, for the `*WithReplay` methods. */
  private readonly lastEmitted = new Map<keyof Events, unknown[]>();
  private maxListeners = 10;

  on<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    return this.register(event, listener, false, false);
  }

  addListener<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    return this.register(event, listener, false, false);
  }

  prependListener<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    return this.register(event, listener, false, true);
  }

  once<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    return this.register(event, listener, true, false);
  }

  prependOnceListener<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    return this.register(event, listener, true, true);
  }

  off<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    return this.removeListener(event, listener);
  }

  removeListener<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    const list = this.registrations.get(event);
    if (!list) return this;
    const position = list.map((registration) => registration.listener).lastIndexOf(listener);
    if (position >= 0) list.splice(position, 1);
    if (list.length === 0) this.registrations.delete(event);
    return this;
  }

  removeAllListeners<E extends keyof Events & string>(event?: E): this {
    if (event === undefined) this.registrations.clear();
    else this.registrations.delete(event);
    return this;
  }

  /** Calls every listener of `event` with `args`; true when there was at least one. */
  emit<E extends keyof Events & string>(event: E, ...args: Parameters<Events[E]>): boolean {
    this.lastEmitted.set(event, args);
    const list = this.registrations.get(event);
    if (!list || list.length === 0) return false;
    // A snapshot, so listeners added or removed while emitting do not change this round (Node's behaviour).
    for (const registration of [...list]) {
      if (registration.once) this.removeRegistration(event, registration);
      this.invoke(registration.listener, args);
    }
    return true;
  }

  listeners<E extends keyof Events & string>(event: E): Array<Events[E]> {
    // Every registration under `event` was added with a listener of type Events[E].
    return (this.registrations.get(event) ?? []).map((registration) => registration.listener as Events[E]);
  }

  rawListeners<E extends keyof Events & string>(event: E): Array<Events[E]> {
    return this.listeners(event);
  }

  listenerCount<E extends keyof Events & string>(event: E): number {
    return this.registrations.get(event)?.length ?? 0;
  }

  eventNames(): Array<keyof Events & string> {
    return [...this.registrations.keys()].filter((name): name is keyof Events & string => typeof name === 'string');
  }

  setMaxListeners(count: number): this {
    // Kept only so callers that tune it do not break; there is no leak warning to silence.
    this.maxListeners = count;
    return this;
  }

  getMaxListeners(): number {
    return this.maxListeners;
  }

  /** Adds the listener and, if the event was emitted before, calls it at once with the latest arguments. */
  onWithReplay<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    this.on(event, listener);
    this.replay(event, listener);
    return this;
  }

  addListenerWithReplay<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    return this.onWithReplay(event, listener);
  }

  /** Replays the latest emission if there was one (and stops there), otherwise waits for the next like `once`. */
  onceWithReplay<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    if (this.lastEmitted.has(event)) this.replay(event, listener);
    else this.once(event, listener);
    return this;
  }

  private register<E extends keyof Events & string>(
    event: E,
    listener: Events[E],
    once: boolean,
    prepend: boolean,
  ): this {
    const list = this.registrations.get(event) ?? [];
    const registration: Registration<Events> = { listener, once };
    if (prepend) list.unshift(registration);
    else list.push(registration);
    this.registrations.set(event, list);
    return this;
  }

  private removeRegistration(event: keyof Events, registration: Registration<Events>): void {
    const list = this.registrations.get(event);
    if (!list) return;
    const position = list.indexOf(registration);
    if (position >= 0) list.splice(position, 1);
    if (list.length === 0) this.registrations.delete(event);
  }

  private replay<E extends keyof Events & string>(event: E, listener: Events[E]): void {
    const args = this.lastEmitted.get(event);
    if (args) this.invoke(listener, args);
  }

  private invoke(listener: Events[keyof Events], args: readonly unknown[]): void {
    // Typed boundary: `emit` only stores argument lists that match the event's signature, so passing them to the
    // listener of the same event is sound even though the map's generic signature cannot express it.
    const call = listener as unknown as (this: unknown, ...values: readonly unknown[]) => void;
    // Node calls listeners with `this` set to the emitter; some old-style handlers rely on it.
    call.call(this, ...args);
  }
}
