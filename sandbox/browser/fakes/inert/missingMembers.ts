/**
 * Wraps a fake SDK object so that Flex reading a member the fake does not have is reported once on the console,
 * instead of silently yielding `undefined`: that is how a new Flex version's needs show up in the sandbox.
 */

/** Members that code probes on any object (promise resolution, React, serialisation): absent on purpose. */
const PROBED_BY_EVERYONE = new Set([
  'then',
  'toJSON',
  '$$typeof',
  'constructor',
  'asymmetricMatch',
  'nodeType',
  'tagName',
]);

export function warnOnMissingMembers<T extends object>(label: string, target: T): T {
  const reported = new Set<string>();
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (
        value === undefined &&
        typeof property === 'string' &&
        !(property in object) &&
        !PROBED_BY_EVERYONE.has(property) &&
        !reported.has(property)
      ) {
        reported.add(property);
        console.warn(`[sandbox] Flex read ${label}.${property}, which the sandbox fake does not implement`);
      }
      return value;
    },
  });
}
