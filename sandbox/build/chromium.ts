/// <reference types="node" />
/**
 * How every script and test of this project starts a browser: Debian's Chromium (no browser downloads here) with
 * the flags that work as root with no network (shared/docs/toolchain.md).
 */
import type { Browser, LaunchOptions } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with the project's flags plus `extraArgs`; Playwright gives it a fresh temporary profile. */
export function launchChromium(extraArgs: readonly string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ ...options, executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
