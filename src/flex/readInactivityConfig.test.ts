import type { Manager, ServiceConfiguration } from '@twilio/flex-ui';

import { DEFAULT_POLICY } from '../config/parseInactivityConfig';
import { readInactivityConfig } from './readInactivityConfig';

/** A manager whose serviceConfiguration is whatever Flex happened to load, odd shapes included. */
function managerWith(serviceConfiguration: unknown): Pick<Manager, 'serviceConfiguration'> {
  // ServiceConfiguration has ~40 required fields; the reader only looks at ui_attributes and must survive any shape.
  return { serviceConfiguration: serviceConfiguration as ServiceConfiguration };
}

function read(serviceConfiguration: unknown) {
  const log = { warn: jest.fn<void, [string]>(), info: jest.fn<void, [string]>() };
  const config = readInactivityConfig(managerWith(serviceConfiguration), log);
  return { config, log };
}

describe('flex/readInactivityConfig', () => {
  it('reads ui_attributes.customerInactivity', () => {
    const { config, log } = read({
      ui_attributes: { customerInactivity: { timer_sec: 35, warning_sec: 15, warning_message: 'Still there?' } },
    });
    expect(config.defaultPolicy).toMatchObject({
      timerMs: 35_000,
      warnings: [{ beforeMs: 15_000, message: 'Still there?' }],
    });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('uses the defaults with exactly one notice (info) when customerInactivity is missing', () => {
    const { config, log } = read({ ui_attributes: { colorTheme: {} } });
    expect(config).toEqual({ defaultPolicy: DEFAULT_POLICY, channelPolicies: {} });
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.info.mock.calls[0]?.[0]).toMatch(/^Inactivity configuration: .*customerInactivity.* not found/);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('logs a rejected value with warn, naming the key, and falls back for it', () => {
    const { config, log } = read({ ui_attributes: { customerInactivity: { timer_sec: 'soon', warning_sec: 15 } } });
    expect(config.defaultPolicy.timerMs).toBe(DEFAULT_POLICY.timerMs);
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/^Inactivity configuration: .*timer_sec/));
  });

  it('warns when the warning would come before the timer even starts', () => {
    const { log } = read({ ui_attributes: { customerInactivity: { timer_sec: 30, warning_sec: 30 } } });
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('warning_sec'));
  });

  it('logs a non-object customerInactivity with warn and uses the defaults', () => {
    const { config, log } = read({ ui_attributes: { customerInactivity: 35 } });
    expect(config.defaultPolicy).toEqual(DEFAULT_POLICY);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.info).not.toHaveBeenCalled();
  });

  it.each<[string, unknown]>([
    ['no serviceConfiguration', undefined],
    ['a null serviceConfiguration', null],
    ['no ui_attributes', { account_sid: 'AC1' }],
    ['null ui_attributes', { ui_attributes: null }],
    ['string ui_attributes', { ui_attributes: '{"customerInactivity":{}}' }],
  ])('never throws for %s: defaults and one notice', (_case, serviceConfiguration) => {
    const { config, log } = read(serviceConfiguration);
    expect(config.defaultPolicy).toEqual(DEFAULT_POLICY);
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.warn).not.toHaveBeenCalled();
  });
});
