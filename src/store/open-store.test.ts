import { describe, expect, it } from 'vitest';
import { defaultDbPath, describeLocation, resolveStoreLocation } from './open-store.js';

const home = '/home/ana';

describe('resolveStoreLocation', () => {
  it('no settings -> the default file under ~/.local/share', () => {
    expect(resolveStoreLocation({ env: {}, home })).toEqual({
      backend: 'sqlite',
      path: '/home/ana/.local/share/chokepoint/chokepoint.db',
      from: 'default',
    });
  });

  it('XDG_DATA_HOME (absolute) moves the default file; a relative one is ignored', () => {
    expect(defaultDbPath({ XDG_DATA_HOME: '/data' }, home)).toBe('/data/chokepoint/chokepoint.db');
    expect(defaultDbPath({ XDG_DATA_HOME: 'rel' }, home)).toBe(
      '/home/ana/.local/share/chokepoint/chokepoint.db',
    );
  });

  it('--db beats CHOKEPOINT_DB, which beats DATABASE_URL', () => {
    const env = { CHOKEPOINT_DB: '/e/c.db', DATABASE_URL: 'postgres://h/db' };
    expect(resolveStoreLocation({ db: '/x/y.db', env, home })).toMatchObject({
      backend: 'sqlite',
      path: '/x/y.db',
      from: 'option',
    });
    expect(resolveStoreLocation({ env, home })).toMatchObject({ path: '/e/c.db' });
    expect(resolveStoreLocation({ env: { DATABASE_URL: 'postgres://h/db' }, home })).toEqual({
      backend: 'postgres',
      url: 'postgres://h/db',
      from: 'DATABASE_URL',
    });
  });

  it('a postgres:// or postgresql:// URL in --db or CHOKEPOINT_DB selects PostgreSQL', () => {
    expect(resolveStoreLocation({ db: 'postgresql://u@h/d', env: {}, home }).backend).toBe(
      'postgres',
    );
    expect(resolveStoreLocation({ env: { CHOKEPOINT_DB: 'postgres://h/d' }, home }).backend).toBe(
      'postgres',
    );
  });

  it('describeLocation hides a password', () => {
    expect(
      describeLocation({
        backend: 'postgres',
        url: 'postgres://u:secret@h:5432/d',
        from: 'option',
      }),
    ).toBe('postgres://u:***@h:5432/d');
  });
});
