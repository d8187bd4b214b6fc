/** The optional Chinese texts of a scenario file (`nameZh`, `descriptionZh`; docs/formats.md). */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenarioText } from './read-scenario.js';

const BASE = 'id: x\nname: Japan restricts resist\nshocks: []\n';

describe('scenario nameZh and descriptionZh', () => {
  it('reads them when given and leaves them out when not', () => {
    const zh = parseScenarioText(
      `${BASE}nameZh: 日本限制光刻胶\ndescriptionZh: 说明。\n`,
      'x.yaml',
    );
    expect(zh.problems).toEqual([]);
    expect(zh.scenario).toMatchObject({ nameZh: '日本限制光刻胶', descriptionZh: '说明。' });
    const plain = parseScenarioText(BASE, 'x.yaml');
    expect('nameZh' in plain.scenario).toBe(false);
    expect('descriptionZh' in plain.scenario).toBe(false);
  });

  it('round-trips through YAML as written by `scenarios export`', () => {
    const first = parseScenarioText(`${BASE}nameZh: 日本限制光刻胶\n`, 'x.yaml').scenario;
    const again = parseScenarioText(stringify(first), 'x.yaml');
    expect(again.problems).toEqual([]);
    expect(again.scenario).toEqual(first);
  });

  it('rejects a non-text value and points a misspelt key to the right one', () => {
    const list = parseScenarioText(`${BASE}nameZh: [a, b]\n`, 'x.yaml');
    expect(list.problems).toEqual([expect.objectContaining({ path: 'nameZh' })]);
    const typo = parseScenarioText(`${BASE}name_zh: 日本\n`, 'x.yaml');
    expect(typo.problems[0]).toMatchObject({ path: 'name_zh', message: 'unknown key "name_zh"' });
    expect(typo.problems[0]?.hint).toBe('did you mean "nameZh"?');
  });
});
