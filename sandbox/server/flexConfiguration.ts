import { SANDBOX_ACCOUNT } from './sandboxAccount';

/** The Flex UI version the sandbox bundles (package.json pins @twilio/flex-ui). */
export const FLEX_UI_VERSION = '2.17.1';

/** `ui_attributes.customerInactivity` as last set: absent, or exactly the JSON value an admin stored. */
export type InactivitySetting = { readonly present: false } | { readonly present: true; readonly value: unknown };

/** When the configuration was created and last changed (epoch ms). */
export interface ConfigurationTimes {
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * The Flex Configuration resource (GET flex-api.twilio.com/v1/Configuration) in Twilio's snake_case REST shape.
 * `ui_attributes.version_compatibility: "yes"` is required: without it Flex refuses to start.
 */
export function flexConfiguration(setting: InactivitySetting, times: ConfigurationTimes): Record<string, unknown> {
  return {
    account_sid: SANDBOX_ACCOUNT.accountSid,
    date_created: new Date(times.createdAt).toISOString(),
    date_updated: new Date(times.updatedAt).toISOString(),
    attributes: {},
    status: 'ok',
    ...taskRouterFields(),
    ...serviceFields(),
    ...featureFields(),
    ui_attributes: uiAttributes(setting),
    ui_dependencies: {},
    ui_language: 'en',
    ui_version: FLEX_UI_VERSION,
    service_version: '1.0',
    url: 'https://flex-api.twilio.com/v1/Configuration',
  };
}

function uiAttributes(setting: InactivitySetting): Record<string, unknown> {
  const base = { version_compatibility: 'yes' };
  return setting.present ? { ...base, customerInactivity: setting.value } : base;
}

function taskRouterFields(): Record<string, unknown> {
  return {
    taskrouter_workspace_sid: SANDBOX_ACCOUNT.workspaceSid,
    taskrouter_target_workflow_sid: SANDBOX_ACCOUNT.workflowSid,
    taskrouter_target_taskqueue_sid: SANDBOX_ACCOUNT.queueSid,
    taskrouter_taskqueues: [{ sid: SANDBOX_ACCOUNT.queueSid, targettable: true }],
    taskrouter_offline_activity_sid: SANDBOX_ACCOUNT.offlineActivitySid,
    taskrouter_skills: [],
    taskrouter_worker_channels: {},
    taskrouter_worker_attributes: {},
  };
}

function serviceFields(): Record<string, unknown> {
  return {
    chat_service_instance_sid: SANDBOX_ACCOUNT.conversationsServiceSid,
    flex_service_instance_sid: SANDBOX_ACCOUNT.flexServiceInstanceSid,
    flex_instance_sid: SANDBOX_ACCOUNT.flexInstanceSid,
    messaging_service_instance_sid: SANDBOX_ACCOUNT.messagingServiceSid,
    runtime_domain: 'sandbox-local-0000-dev.twil.io',
    serverless_service_sids: [],
    plugin_service_enabled: true,
    plugin_service_attributes: {},
    public_attributes: {},
    integrations: [],
  };
}

// Optional products are all off, so Flex does not try to reach their (absent) backends.
function featureFields(): Record<string, unknown> {
  return {
    call_recording_enabled: false,
    call_recording_webhook_url: null,
    crm_enabled: false,
    crm_type: '',
    crm_callback_url: '',
    crm_fallback_url: '',
    crm_attributes: {},
    outbound_call_flows: {},
    queue_stats_configuration: null,
    markdown: { enabled: false, mode: 'readOnly' },
    notifications: { enabled: false, mode: 'whenNotInFocus' },
    channel_configs: null,
    debugger_integration: { enabled: false },
    flex_ui_status_report: { enabled: false },
    citrix_voice_vdi: { enabled: false },
  };
}
