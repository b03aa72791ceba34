/**
 * The bundle-time substitutions that cut the agent desktop off from Twilio: each SDK module Flex imports that would
 * open a connection is replaced by a sandbox implementation of the same surface. Matching is by exact import path,
 * wherever the import sits (Flex's bundle, a nested node_modules copy, the fakes themselves).
 */
import type { Plugin } from 'esbuild';
import * as path from 'path';

/** Import path -> replacement file, relative to the repository root. */
export const AGENT_ALIASES: Readonly<Record<string, string>> = {
  'twilio-taskrouter': 'sandbox/browser/fakes/taskrouter/index.ts',
  '@twilio/conversations': 'sandbox/browser/fakes/conversations/index.ts',
  'twilio-sync': 'sandbox/browser/fakes/inert/sync.ts',
  twilsock: 'sandbox/browser/fakes/inert/twilsock.ts',
  '@twilio/voice-sdk': 'sandbox/browser/fakes/inert/voice.ts',
  '@citrix/ucsdk/CitrixWebRTC.js': 'sandbox/browser/fakes/inert/citrix.ts',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An esbuild plugin resolving each aliased import path to its replacement. */
export function aliasPlugin(root: string): Plugin {
  const aliases = AGENT_ALIASES;
  const filter = new RegExp(`^(?:${Object.keys(aliases).map(escapeRegExp).join('|')})$`);
  return {
    name: 'sandbox-aliases',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        const replacement = aliases[args.path];
        return replacement === undefined ? undefined : { path: path.join(root, replacement) };
      });
    },
  };
}
