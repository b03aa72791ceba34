// Components Flex watches on the status page (its status monitor looks these names up), plus Conversations.
const COMPONENTS = ['FLEX', 'Flex Application Platform', 'Flex Insights', 'TaskRouter', 'Conversations'];

/**
 * A statuspage.io v2 summary (GET status.twilio.com/api/v2/summary.json) saying everything is operational, so Flex
 * shows no degradation banner. Flex reads `components[].name/status` and `incidents[].components`.
 */
export function statusSummary(nowMs: number): Record<string, unknown> {
  const updatedAt = new Date(nowMs).toISOString();
  return {
    page: {
      id: 'sandbox',
      name: 'Twilio',
      url: 'https://status.twilio.com',
      time_zone: 'Etc/UTC',
      updated_at: updatedAt,
    },
    components: COMPONENTS.map((name, position) => ({
      id: `sandbox-${position + 1}`,
      name,
      status: 'operational',
      created_at: updatedAt,
      updated_at: updatedAt,
      position: position + 1,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: 'sandbox',
      group: false,
      only_show_if_degraded: false,
    })),
    incidents: [],
    scheduled_maintenances: [],
    status: { indicator: 'none', description: 'All Systems Operational' },
  };
}
