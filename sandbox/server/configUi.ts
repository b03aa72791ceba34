import { parseInactivityConfig } from '../../src/config/parseInactivityConfig';
import { asObject, rejectUnknownFields } from './bodyFields';
import { configPage } from './configPage';
import { readJson, sendHtml, sendJson } from './httpIo';
import type { Route, RouteContext } from './router';

/** The configuration page and the validation route it uses (the plugin's own parser, run on the server). */
export function configUiRoutes(): Route[] {
  return [
    { method: 'GET', pattern: '/sandbox/ui/config', handle: ({ res }) => sendHtml(res, 200, configPage()) },
    { method: 'POST', pattern: '/sandbox/config/validate', handle: validate },
  ];
}

/** POST `{ customerInactivity }` -> `{ problems }`: what the plugin would report for that value. */
async function validate({ req, res }: RouteContext): Promise<void> {
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['customerInactivity']);
  // A missing key is validated as missing, which is what the plugin would see.
  const { problems } = parseInactivityConfig(body.customerInactivity);
  sendJson(res, 200, { problems });
}
