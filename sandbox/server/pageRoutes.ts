import { sendHtml } from './httpIo';
import { customerPage } from './customerPage';
import type { SandboxLog } from './log';
import { PLUGINS_PREFIX, servePluginFile } from './pluginFile';
import { param } from './routeMatch';
import type { Route } from './router';
import type { World } from './world';

/** The customer chat page and the plugin bundle route. */
export function pageRoutes(world: World, pluginBundlePath: string, log: SandboxLog): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/customer/:conversationSid',
      handle: ({ res, params }) => {
        const conversationSid = param(params, 'conversationSid');
        const customer = world.customer(conversationSid);
        const data = {
          conversationSid,
          customerAuthor: customer.author,
          customerName: customer.name,
          channelType: customer.channelType,
        };
        sendHtml(res, 200, customerPage(data));
      },
    },
    {
      method: 'GET',
      pattern: `${PLUGINS_PREFIX}:file`,
      handle: ({ res, params }) => servePluginFile(pluginBundlePath, param(params, 'file'), res, log),
    },
  ];
}
