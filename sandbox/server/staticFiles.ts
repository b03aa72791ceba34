/// <reference types="node" />
import { readFile, stat } from 'fs/promises';
import type { ServerResponse } from 'http';
import { isAbsolute, relative, resolve, sep } from 'path';

import { contentTypeFor } from './contentTypes';
import { send } from './httpIo';

/** `urlPath` resolved inside `root`, or undefined when it would escape it (`..`, absolute paths). */
export function resolveInside(root: string, urlPath: string): string | undefined {
  const base = resolve(root);
  const target = resolve(base, `.${sep}${decodeSafely(urlPath)}`);
  const rel = relative(base, target);
  const escapes = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  return escapes ? undefined : target;
}

/** Whether `filePath` is an existing regular file. */
export async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

/** Sends the file with its content type; false (nothing sent) when it is not a readable file. */
export async function sendFile(res: ServerResponse, filePath: string): Promise<boolean> {
  if (!(await isFile(filePath))) return false;
  send(res, 200, contentTypeFor(filePath), await readFile(filePath));
  return true;
}

function decodeSafely(urlPath: string): string {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return urlPath;
  }
}
