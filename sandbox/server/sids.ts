/// <reference types="node" />
import { createHash, randomBytes } from 'crypto';

/** A fresh sid shaped like Twilio's: the resource's two-letter prefix and 32 lowercase hex digits. */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** A sid that is the same on every run for the same name, so logs and bookmarks stay comparable across restarts. */
export function stableSid(prefix: string, name: string): string {
  return prefix + createHash('sha256').update(name).digest('hex').slice(0, 32);
}

/** `count` random lowercase hex digits. */
export function randomHex(count: number): string {
  return randomBytes(Math.ceil(count / 2))
    .toString('hex')
    .slice(0, count);
}
