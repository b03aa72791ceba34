/**
 * Wraps the fake's objects in Proxies that record every member read that the object does not have, following
 * everything the objects hand out: member values, method results (also once their promises resolve) and the
 * arguments of event listeners. Used to run Flex's own code against the fake and list what Flex reads that the fake
 * lacks, which is how a Flex upgrade's new needs show up.
 */
import { Client } from '../client';
import { Conversation } from '../conversation';
import { Message } from '../message';
import { RestPaginator } from '../paginator';
import { Participant } from '../participant';
import { User } from '../user';

/** Members generic code probes on any object (promise resolution, React, jest, serialisation): absent on purpose. */
const PROBES = new Set(['then', 'toJSON', '$$typeof', 'asymmetricMatch', 'nodeType', 'tagName', '@@toStringTag']);

const WATCHED_CLASSES = [Client, Conversation, Message, Participant, User, RestPaginator] as const;

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

export class MemberWatch {
  readonly missing = new Set<string>();
  private recording = false;
  /** One wrapper per callback, so a listener removed later is recognised as the one added. */
  private readonly callbacks = new WeakMap<AnyFunction, AnyFunction>();
  /** The wrappers themselves, never wrapped again when the fake passes them on to its own methods. */
  private readonly wrappers = new WeakSet<AnyFunction>();
  /** The proxies made so far: objects the fake built with a watched `this` are already watched. */
  private readonly proxies = new WeakSet<object>();

  /** Records missing reads only while `work` runs, so assertions and test code reading the objects do not count. */
  async during<T>(work: () => T | Promise<T>): Promise<T> {
    this.recording = true;
    try {
      return await work();
    } finally {
      this.recording = false;
    }
  }

  watch<T extends object>(target: T): T {
    if (this.proxies.has(target)) return target;
    const proxy = new Proxy(target, {
      get: (object, property, receiver): unknown => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (this.recording && typeof property === 'string' && !(property in object) && !PROBES.has(property)) {
          this.missing.add(`${object.constructor.name}.${property}`);
        }
        if (typeof value !== 'function' || property === 'constructor') return this.wrap(value);
        // Typed boundary: a member function of the watched object, called on the proxy as Flex would call it.
        const method = value as AnyFunction;
        return (...args: unknown[]): unknown =>
          this.wrap(
            Reflect.apply(
              method,
              receiver,
              args.map((arg) => this.wrapCallback(arg)),
            ),
          );
      },
    });
    this.proxies.add(proxy);
    return proxy;
  }

  private wrap(value: unknown): unknown {
    if (value instanceof Promise) return value.then((resolved: unknown) => this.wrap(resolved));
    if (Array.isArray(value)) return value.map((item: unknown) => this.wrap(item));
    if (typeof value === 'object' && value !== null && WATCHED_CLASSES.some((type) => value instanceof type)) {
      return this.watch(value);
    }
    return value;
  }

  private wrapCallback(arg: unknown): unknown {
    if (typeof arg !== 'function') return arg;
    // Typed boundary: a callback handed to the fake (an event listener).
    const callback = arg as AnyFunction;
    if (this.wrappers.has(callback)) return callback;
    const known = this.callbacks.get(callback);
    if (known) return known;
    // Called without the emitter as `this`: the listeners this watch sees (Flex's) are arrows or bound functions.
    const wrapped: AnyFunction = (...args: unknown[]): unknown =>
      Reflect.apply(
        callback,
        undefined,
        args.map((item) => this.wrap(item)),
      );
    this.callbacks.set(callback, wrapped);
    this.wrappers.add(wrapped);
    return wrapped;
  }
}
