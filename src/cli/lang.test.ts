/**
 * `--lang zh-CN` on every command with table or text output: Chinese headings, no English
 * heading words. Each command runs for real (mini dataset, a SQLite store, a Redis for the
 * queue), and the same command in English shows that the assertions tell the two apart.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cli } from '../../test/cli-run.js';
import type { TestRedis } from '../../test/distributed/redis-server.js';
import { useRedis } from '../../test/distributed/redis-server.js';
import { BUNDLED, ETO_DIR, MINI, cleanupTemp, miniWith, tempDir } from '../../test/support.js';
import type { MessageKey } from '../core/i18n/index.js';
import { t } from '../core/i18n/index.js';

afterAll(cleanupTemp);

const ZH = ['--lang', 'zh-CN', '--format', 'table'];
const EN = ['--format', 'table'];

/** A copy of the mini dataset whose items and countries have Chinese names. */
function miniZh(): string {
  const zhItems: Record<string, string> = { chip: '逻辑芯片', euv: '极紫外光刻机' };
  return miniWith({
    'items.csv': (text) =>
      text
        .trimEnd()
        .split('\n')
        .map((line, n) => {
          const [id, name, ...rest] = line.split(',');
          const zh = n === 0 ? 'name_zh' : (zhItems[id!] ?? '');
          return [id, name, zh, ...rest].join(',');
        })
        .join('\n') + '\n',
  });
}

async function run(args: string[]) {
  const r = await cli(args, { tty: true });
  expect(r.code, r.stderr).toBe(0);
  return r;
}

/** Header lines of the tables in `out`: each line followed by a rule of dashes. */
function headings(out: string): string[] {
  const lines = out.split('\n');
  return lines.filter((_l, n) => /^\s*-+(?: +-+)*\s*$/.test(lines[n + 1] ?? ''));
}

/** Words in Latin letters that are the same in both languages (abbreviations, A/B). */
const NEUTRAL = new Set(['HHI', 'CR1', 'CR3', 'p5', 'p50', 'p95', 'CVaR', 'A', 'B']);

/** English words in the table headings of `out` (none expected under zh-CN). */
function englishInHeadings(out: string): string[] {
  return headings(out).flatMap((h) =>
    (h.match(/[A-Za-z][\w.%-]*/g) ?? []).filter((w) => !NEUTRAL.has(w)),
  );
}

/**
 * The English text of catalog messages found in `out`: each message's literal parts (between
 * its placeholders) of two words or more. Under zh-CN none of them may appear.
 */
function englishMessages(out: string, keys: readonly MessageKey[]): string[] {
  return keys.flatMap((k) =>
    t('en', k)
      .split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)
      .map((part) => part.trim().replace(/^[^\w]+|[^\w]+$/g, ''))
      .filter((part) => /[a-z]{2,}\W+[a-z]{2,}/i.test(part))
      .filter((part) => out.includes(part)),
  );
}

/** Both languages: English shows its words, Chinese shows Chinese and none of them. */
async function bothLanguages(args: string[], keys: readonly MessageKey[]) {
  const en = await run([...args, ...EN]);
  const zh = await run([...args, ...ZH]);
  // The English run contains the messages, so the check below could fail.
  if (keys.length) expect(englishMessages(en.stdout + en.stderr, keys).length).toBeGreaterThan(0);
  expect(englishMessages(zh.stdout + zh.stderr, keys)).toEqual([]);
  expect(englishInHeadings(zh.stdout)).toEqual([]);
  if (headings(en.stdout).length) expect(englishInHeadings(en.stdout).length).toBeGreaterThan(0);
  expect(zh.stdout).toMatch(/[\u4e00-\u9fff]/);
  return { en, zh };
}

describe('--lang zh-CN: show, validate, data audit', () => {
  it('show: Chinese item name, headings and sections', async () => {
    const dir = miniZh();
    const { en, zh } = await bothLanguages(
      ['show', 'chip', '--dataset', dir],
      [
        'cli.show.byCountry',
        'cli.show.requires',
        'cli.show.requiredBy',
        'cli.show.sources',
        'cli.show.concentration',
        'cli.show.group',
        'cli.show.marketYear',
      ],
    );
    expect(en.stdout).toContain('Logic chips [chip]');
    expect(zh.stdout).toContain('逻辑芯片 [chip]');
    expect(zh.stdout).toContain('集成电路 · 产品 · 环节：fabrication');
    expect(zh.stdout).toMatch(/国家\s+份额\s+口径\s+年份\s+来源\s+可信度/);
    expect(zh.stdout).toContain('所需投入（3项）：');
    expect(zh.stdout).toContain('duv［可替代组litho，效率0.6］');
    expect(zh.stdout).toContain('全球市场规模：$5,000（2024年）');
    const euv = await run(['show', 'euv', '--dataset', dir, ...ZH]);
    expect(euv.stdout).toContain('极紫外光刻机 [euv]');
    expect(euv.stdout).toContain('litho的一种');
    expect(euv.stdout).toContain('下游需求方（1项）：\n  chip');
    const seed = await run(['show', 'seed', '--dataset', dir, ...ZH]);
    expect(seed.stdout).toMatch(/机构\s+国家\s+份额\s+年份\s+来源/);
    expect(englishInHeadings(seed.stdout)).toEqual([]);
  });

  it('validate: translated severities and summary; issue texts stay as io writes them', async () => {
    const { zh } = await bothLanguages(
      ['validate', MINI],
      ['cli.validate.valid', 'cli.validate.counts'],
    );
    expect(zh.stdout).toContain('校验通过，有2条警告。');
    expect(zh.stdout).toMatch(/^警告：shares\.csv:\d+: /m);
    expect(zh.stdout).not.toMatch(/^warning:/m);
    const bad = miniWith({ 'shares.csv': (s) => s.replace('euv,NLD,100', 'euv,NLD,130') });
    const r = await cli(['validate', bad, ...ZH]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('错误：shares.csv:2 [share]: share 130 is above 100.');
    expect(r.stdout).toMatch(/1个错误，\d+条警告：修正错误之前无法使用该数据集。/);
    expect(englishMessages(r.stdout, ['cli.validate.invalid'])).toEqual([]);
  });

  it('data audit: headings, title and the score note', async () => {
    const { zh } = await bothLanguages(
      ['data', 'audit', '--items', '--dataset', MINI],
      ['cli.audit.title', 'cli.audit.score'],
    );
    expect(zh.stdout).toContain('mini的数据审计（6个物项');
    expect(zh.stdout).toMatch(/领域\s+物项数\s+份额\s+市场规模/);
    expect(zh.stdout).toMatch(/^集成电路\s/m);
    expect(zh.stdout).toMatch(/物项\s+领域\s+份额合计/);
  });
});

describe('--lang zh-CN: scenarios and compare', () => {
  it('compare: headings, summary and node table', async () => {
    const { zh } = await bothLanguages(
      ['compare', 'nl-duv', 'jp-resist', '--dataset', MINI],
      ['cli.compare.head', 'cli.compare.more', 'cli.compare.less', 'cli.compare.nodes'],
    );
    expect(zh.stdout).toContain('CHN视角下的比较：A = nl-duv，B = jp-resist');
    expect(zh.stdout).toMatch(/领域\s+能力 A\s+能力 B\s+风险产值 A\s+风险产值 B/);
    expect(zh.stdout).toMatch(/物项\s+国家\s+产出水平 A\s+产出水平 B\s+B - A 产值/);
  });

  it('scenarios: the Chinese name (nameZh) under zh-CN, the English one otherwise', async () => {
    const dir = miniWith();
    writeFileSync(
      join(dir, 'scenarios', 'zh-named.yaml'),
      [
        'id: zh-named',
        'name: Japan restricts resist',
        'nameZh: 日本限制光刻胶出口',
        'descriptionZh: 测试用情景。',
        'shocks:',
        '  - restrict: { from: [JPN], to: [CHN], items: [resist] }',
        '',
      ].join('\n'),
    );
    const { en, zh } = await bothLanguages(['scenarios', '--dataset', dir], ['cli.scenarios.run']);
    expect(en.stdout).toMatch(/zh-named\s+Japan restricts resist/);
    expect(zh.stdout).toMatch(/zh-named\s+日本限制光刻胶出口\s/);
    // Without nameZh, the English name.
    expect(zh.stdout).toMatch(/nl-duv\s+Netherlands restricts DUV/);
    expect(zh.stdout).toMatch(/编号\s+名称\s+视角\s+冲击数\s+状态/);
    const json = await cli(['scenarios', '--dataset', dir, '--format', 'json']);
    const rows = JSON.parse(json.stdout) as { id: string; nameZh: string | null }[];
    expect(rows.find((r) => r.id === 'zh-named')?.nameZh).toBe('日本限制光刻胶出口');
  });

  it('the bundled library gives every scenario a Chinese name and description', () => {
    const dir = join(BUNDLED, 'scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const s = parseYaml(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
      expect(String(s.nameZh ?? ''), f).toMatch(/[\u4e00-\u9fff]/);
      expect(String(s.descriptionZh ?? ''), f).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('--lang zh-CN: risk, plan, firms', () => {
  const dir = tempDir();

  it('risk: the three tables and their titles', async () => {
    const file = join(dir, 'risk.yaml');
    writeFileSync(
      file,
      [
        'perspective: CHN',
        'events:',
        '  - id: euv-ban',
        '    probability: 0.5',
        '    shocks: [ { restrict: { from: [NLD], to: [CHN], items: [euv, duv] } } ]',
        '',
      ].join('\n'),
    );
    const args = ['risk', '--risk', file, '--runs', '40', '--workers', '1', '--dataset', MINI];
    const { zh } = await bothLanguages(args, [
      'cli.risk.head',
      'cli.risk.var',
      'cli.risk.contributions',
      'cli.risk.allAreas',
    ]);
    expect(zh.stdout).toContain('CHN的蒙特卡罗风险');
    expect(zh.stdout).toMatch(/领域\s+均值\s+p5\s+p50\s+p95\s+CVaR 95%/);
    expect(zh.stdout).toMatch(/^全部领域\s/m);
    expect(zh.stdout).toMatch(/事件\s+发生次数\s+发生时\s+未发生时\s+差值/);
  });

  it('plan: title, summary, projects and frontier', async () => {
    const scenario = join(dir, 'euv-ban.yaml');
    writeFileSync(
      scenario,
      'id: euv-ban\nperspective: CHN\nshocks:\n  - restrict: { from: [NLD], to: [CHN], items: [euv, duv] }\n',
    );
    const projects = join(dir, 'p.csv');
    writeFileSync(
      projects,
      'id,item,country,capacity,cost,years,p_success,requires,exclusive_group\n' +
        'tools,duv,CHN,20,40,2,1,,\nresist,resist,CHN,5,10,1,1,,\n',
    );
    const args = ['plan', '--projects', projects, '--scenarios', scenario, '--budget', '100'];
    const { zh } = await bothLanguages(
      [...args, '--frontier', '--dataset', MINI],
      ['cli.plan.head', 'cli.plan.summary', 'cli.plan.frontier'],
    );
    expect(zh.stdout).toContain('CHN的投资规划：1个情景下的期望净风险产值');
    expect(zh.stdout).toMatch(/项目\s+年份\s+成本\s+给定其余项目时的收益/);
    expect(zh.stdout).toMatch(/预算\s+损失\s+成本\s+入选项目/);
  });

  it('firms generate and simulate: summary line and series table', async () => {
    const net = join(dir, 'net');
    const gen = ['firms', 'generate', '--firms', '40', '--links', '120', '--sectors', '4'];
    const en = await run([...gen, '--out', net, ...EN]);
    expect(en.stdout).toContain('wrote 40 firms and 120 links');
    const zhGen = await run([...gen, '--out', join(dir, 'net2'), ...ZH]);
    expect(zhGen.stdout).toMatch(/^已将40家企业和120条链接写入/);
    const { zh } = await bothLanguages(
      ['firms', 'simulate', net, '--steps', '2'],
      ['cli.firms.head'],
    );
    expect(zh.stdout).toContain('40家企业，120条供应链接；配给规则：按比例（proportional）');
    expect(zh.stdout).toMatch(/步\s+产出\s+最终消费\s+相对基线/);
    const sweep = await bothLanguages(
      ['firms', 'simulate', net, '--steps', '2', '--sweep', 'sectors', '--workers', '0'],
      ['cli.firms.sweepHead'],
    );
    expect(sweep.zh.stdout).toContain('每个行业一个情景：其企业自第0步起损失100.0%的产能');
    expect(sweep.zh.stdout).toMatch(/行业\s+企业数\s+产出损失\s+占产值比例\s+最终消费损失/);
  });
});

describe('--lang zh-CN: import and export', () => {
  it('export and import xlsx: the summaries', async () => {
    const dir = tempDir();
    const book = join(dir, 'mini.xlsx');
    const ex = await run(['export', '--dataset', MINI, '--xlsx', book, '--lang', 'zh-CN']);
    expect(ex.stdout).toBe(`已将mini（6个物项）导出到${book}\n`);
    const im = await run(['import', 'xlsx', book, '--out', join(dir, 'back'), '--lang', 'zh-CN']);
    expect(im.stdout).toMatch(
      /^已写入.*：6个物项，11条份额数据；2条警告：\n {2}mini\.xlsx#shares:/,
    );
    expect(englishMessages(im.stdout, ['cli.xlsx.wroteWarnings'])).toEqual([]);
  });

  it('import eto: the summary and the attribution', async () => {
    if (!existsSync(ETO_DIR)) throw new Error(`ETO data not found at ${ETO_DIR}`);
    const out = join(tempDir(), 'eto');
    const r = await run(['import', 'eto', ETO_DIR, '--out', out, '--quiet', ...ZH]);
    expect(r.stdout).toMatch(/已写入.*：\d+个物项，\d+条需求关系/);
    expect(r.stdout).toMatch(/说明：.*已映射\d+条.*。校验：\d+条警告，无错误。/);
    expect(r.stdout).toContain('凡展示其数据之处均须注明出处');
    expect(
      englishMessages(r.stdout, ['cli.eto.wrote', 'cli.eto.notes', 'cli.eto.attribution']),
    ).toEqual([]);
  });
});

describe('--lang zh-CN: the store commands', () => {
  const db = () => ['--db', join(tempDir('chokepoint-lang-store-'), 'store.db')];

  it('datasets, scenarios and runs: empty lists, saves, tables, shows and exports', async () => {
    const d = db();
    const D = ['--dataset', MINI];
    const z = async (...args: string[]) => run([...args, ...d, ...ZH]);
    expect((await z('datasets', 'list')).stdout).toContain('没有已保存的数据集');
    expect((await z('scenarios', 'list')).stdout).toContain('没有已保存的情景');
    expect((await z('runs', 'list')).stdout).toContain('没有已保存的运行');
    expect((await z('datasets', 'save', ...D)).stdout).toMatch(/^已保存数据集版本\w+（6个物项）。/);
    expect((await z('datasets', 'save', ...D)).stdout).toMatch(/^未变化：此内容已保存为/);
    const list = await z('datasets', 'list');
    expect(list.stdout).toMatch(/编号\s+名称\s+物项数\s+保存时间\s+来源\s+备注/);
    const id = /^(\w+)\s+mini/m.exec(list.stdout)![1]!;
    const shown = await z('datasets', 'show', id);
    expect(shown.stdout).toMatch(/字段\s+值/);
    const exp = await z('datasets', 'export', id, '--out', join(tempDir(), 'ds'));
    expect(exp.stderr).toMatch(/^chokepoint: 已将数据集版本\w+写入/);
    expect((await z('scenarios', 'save', 'nl-duv', ...D)).stdout).toBe(
      '已将情景nl-duv保存为第1版。\n',
    );
    expect((await z('scenarios', 'save', 'nl-duv', ...D)).stdout).toBe(
      '未变化：nl-duv@1已是此内容。\n',
    );
    for (const args of [
      ['scenarios', 'list'],
      ['scenarios', 'history', 'nl-duv'],
    ]) {
      expect((await z(...args)).stdout).toMatch(/编号\s+版本\s+名称\s+保存时间\s+备注/);
    }
    expect((await z('scenarios', 'show', 'nl-duv')).stdout).toMatch(/字段\s+值/);
    const sx = await z('scenarios', 'export', 'nl-duv', '--out', tempDir());
    expect(sx.stderr).toMatch(/^chokepoint: 已将nl-duv@1写入/);
    const sim = await run(['simulate', 'nl-duv', ...D, '--save', ...d, '--lang', 'zh-CN']);
    expect(sim.stderr).toMatch(/chokepoint: 已保存运行\S+（数据集\w+，情景nl-duv@1），位于/);
    const runs = await z('runs', 'list');
    expect(runs.stdout).toMatch(/编号\s+类型\s+状态\s+开始时间\s+毫秒\s+数据集\s+情景\s+错误/);
    expect(runs.stdout).toMatch(/simulate\s+成功/);
    const runId = /^(r\S+)/m.exec(runs.stdout)![1]!;
    expect((await z('runs', 'show', runId)).stdout).toContain('结果（全部结果见');
    const rx = await z('runs', 'export', runId, '--out', tempDir());
    expect(rx.stderr).toMatch(/^chokepoint: 已写入/);
    for (const out of [list, shown, runs]) expect(englishInHeadings(out.stdout)).toEqual([]);
  });

  it('tokens: create, list, revoke', async () => {
    const d = db();
    const z = async (...args: string[]) => run([...args, ...d, ...ZH]);
    expect((await z('tokens', 'list')).stdout).toBe('没有令牌。\n');
    const made = await z('tokens', 'create', '--name', 'ci', '--role', 'viewer');
    expect(made.stdout).toMatch(/^已创建令牌(\w+)“ci”（viewer）。\n密钥（仅此一次显示/);
    const id = /^已创建令牌(\w+)/.exec(made.stdout)![1]!;
    const list = await z('tokens', 'list');
    expect(list.stdout).toMatch(/编号\s+名称\s+角色\s+创建时间\s+吊销时间/);
    expect(englishInHeadings(list.stdout)).toEqual([]);
    expect((await z('tokens', 'revoke', id)).stdout).toBe(`已吊销${id}“ci”。\n`);
    expect((await z('tokens', 'revoke', id)).stdout).toMatch(new RegExp(`^${id}此前已被吊销`));
  });
});

describe('--lang zh-CN: queue status', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await useRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('shows the queue table with Chinese headings', async () => {
    const prefix = `test-lang-${process.pid}`;
    const { zh } = await bothLanguages(
      ['queue', 'status', '--redis', redis.url, '--prefix', prefix],
      [],
    );
    expect(zh.stdout).toContain(`，前缀${prefix}`);
    expect(zh.stdout).toMatch(/队列\s+工作进程\s+等待中\s+运行中\s+重试中\s+失败\s+已完成/);
  });
});
