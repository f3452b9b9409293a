import { ACTIONS, can, canAtAll } from '../../src/api/permissions';
import { ROLES } from '../../src/store/tokens';

describe('permissions', () => {
  it('lets pilots create flights and touch only their own', () => {
    expect(can('pilot', 'flight:create')).toBe(true);
    expect(can('pilot', 'flight:upload', true)).toBe(true);
    expect(can('pilot', 'flight:upload', false)).toBe(false);
    expect(can('pilot', 'flight:read', false)).toBe(false);
    expect(can('pilot', 'hotspot:review', true)).toBe(false);
  });

  it('lets judges review and read everything, but not upload or manage tokens', () => {
    expect(can('judge', 'hotspot:review')).toBe(true);
    expect(can('judge', 'flight:read')).toBe(true);
    expect(can('judge', 'flight:upload', true)).toBe(false);
    expect(can('judge', 'token:manage')).toBe(false);
  });

  it('lets analysts read and download, not review', () => {
    expect(can('analyst', 'report:download')).toBe(true);
    expect(can('analyst', 'hotspot:review')).toBe(false);
    expect(can('analyst', 'flight:create')).toBe(false);
  });

  it('gives admins every action, and only admins manage tokens', () => {
    for (const a of ACTIONS) expect(can('admin', a)).toBe(true);
    expect(ROLES.filter((r) => can(r, 'token:manage', true))).toEqual(['admin']);
    expect(ROLES.filter((r) => canAtAll(r, 'flight:upload'))).toEqual(['pilot', 'admin']);
  });
});

describe('worker tokens', () => {
  it('may fetch originals and nothing else', () => {
    expect(ACTIONS.filter((a) => can('worker', a, true))).toEqual(['photo:original']);
  });
});
