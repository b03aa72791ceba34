// Flex configuration for local development with `twilio flex:plugins:start` (needs a Twilio account and login).
// Only read by the local Flex shell; it is not part of the plugin bundle.
var appConfig = {
  // The local dev server serves the plugins being developed (and the account's deployed plugins) at /plugins.
  pluginService: {
    enabled: true,
    url: '/plugins',
  },
  // Optional: your Flex account SID (ACxxxxxxxx...) to skip the account prompt on the login page.
  // sso: { accountSid: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  logLevel: 'debug',
};
