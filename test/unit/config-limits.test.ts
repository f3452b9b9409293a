import { loadConfig } from '../../src/config/load-config';

describe('the service limits in the configuration', () => {
  it('defaults to 30 s of upload silence, 20 s for headers, an hour per request and a 30 s drain', () => {
    const c = loadConfig({});
    expect([c.uploadIdleMs, c.headersTimeoutMs, c.requestTimeoutMs, c.drainMs]).toEqual([30_000, 20_000, 3_600_000, 30_000]);
  });

  it('reads them in seconds from the environment', () => {
    const c = loadConfig({ OUTFALL_UPLOAD_IDLE_S: '45', OUTFALL_HEADERS_TIMEOUT_S: '10', OUTFALL_REQUEST_TIMEOUT_S: '0', OUTFALL_DRAIN_S: '5' });
    expect([c.uploadIdleMs, c.headersTimeoutMs, c.requestTimeoutMs, c.drainMs]).toEqual([45_000, 10_000, 0, 5_000]);
  });

  it('refuses a request limit shorter than the headers limit, and a zero idle limit, naming the variable', () => {
    expect(() => loadConfig({ OUTFALL_REQUEST_TIMEOUT_S: '5', OUTFALL_HEADERS_TIMEOUT_S: '20' })).toThrow(/OUTFALL_REQUEST_TIMEOUT_S/);
    expect(() => loadConfig({ OUTFALL_UPLOAD_IDLE_S: '0' })).toThrow(/OUTFALL_UPLOAD_IDLE_S/);
  });
});
