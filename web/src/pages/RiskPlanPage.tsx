/**
 * Risk and plan: the bundled risk model's Monte Carlo for the perspective (the distribution of
 * value at risk and each event's contribution) and the investment planner on the dataset's
 * projects (a timeline by year, cost by year, loss before and after, the frontier, and each
 * chosen project's gain given the rest). Both run as API jobs in worker threads, polled with
 * a progress bar and cancellable.
 */
import { useEffect, useRef, useState } from 'react';
import type { Job, PlanAnswer, RiskAnswer } from '../api.js';
import { ApiFailure, api } from '../api.js';
import { usd } from '../format.js';
import { useT } from '../i18n.js';
import type { PageProps } from '../App.js';

const RISK_MODEL = 'chn-2025';
const RUNS = 1000;

/** Start a job and poll it every 300 ms until it ends. */
function useJob<T>() {
  const [job, setJob] = useState<Job<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const poll = (id: string) => {
    timer.current = window.setTimeout(() => {
      api
        .job<T>(id)
        .then((j) => {
          setJob(j);
          if (j.status === 'queued' || j.status === 'running') poll(id);
        })
        .catch((e: Error) => setError(e.message));
    }, 300);
  };
  const start = (submit: () => Promise<Job<T>>) => {
    window.clearTimeout(timer.current);
    setError(null);
    setJob(null);
    submit()
      .then((j) => {
        setJob(j);
        poll(j.id);
      })
      .catch((e: Error) => setError(e instanceof ApiFailure ? e.message : String(e)));
  };
  const cancel = () => {
    if (job) void api.cancelJob(job.id).then((j) => setJob(j as Job<T>));
  };
  return { job, error, start, cancel };
}

function JobStatus<T>({ run }: { run: ReturnType<typeof useJob<T>> }) {
  const t = useT();
  const { job, error } = run;
  if (error) return <p className="error">{error}</p>;
  if (!job) return null;
  const active = job.status === 'queued' || job.status === 'running';
  const { done, total } = job.progress;
  return (
    <div className="job-status">
      <span>{t(`plan.status.${job.status}`)}</span>{' '}
      {active ? (
        <>
          <progress
            aria-label={t('plan.progress')}
            max={total || undefined}
            value={total ? done : undefined}
          />{' '}
          <span className="muted">{total ? `${done}/${total}` : done}</span>{' '}
          <button type="button" onClick={run.cancel}>
            {t('plan.cancel')}
          </button>
        </>
      ) : null}
      {job.error ? <p className="error">{job.error}</p> : null}
    </div>
  );
}

/** Vertical SVG bars, labelled underneath. */
function Columns({ bars, label }: { bars: { key: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  const w = 64;
  const h = 140;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${bars.length * w} ${h + 36}`}
      width="100%"
      style={{ maxWidth: bars.length * w * 1.6 }}
    >
      {bars.map((b, k) => {
        const bh = (h * Math.abs(b.value)) / max;
        return (
          <g key={b.key}>
            <rect
              x={k * w + 8}
              y={h - bh}
              width={w - 16}
              height={Math.max(1, bh)}
              fill="var(--accent, #3b6ea5)"
            >
              <title>{`${b.key}: ${usd(b.value)}`}</title>
            </rect>
            <text x={k * w + w / 2} y={h + 14} textAnchor="middle" fontSize="11">
              {b.key}
            </text>
            <text x={k * w + w / 2} y={h + 28} textAnchor="middle" fontSize="10">
              {usd(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Runs per value-at-risk bin (the risk JSON's `histogram`), as columns with the bin edges. */
function Histogram({ bins, runs }: { bins: RiskAnswer['histogram']; runs: number }) {
  const t = useT();
  const w = 640;
  const h = 200;
  const L = 44;
  const B = 36;
  const max = Math.max(1, ...bins.map((b) => b.runs));
  const bw = (w - L - 10) / bins.length;
  const y = (n: number) => 10 + ((h - 10 - B) * (max - n)) / max;
  return (
    <svg
      role="img"
      aria-label={t('plan.risk.histogramLabel', { runs })}
      viewBox={`0 0 ${w} ${h}`}
      width={w}
      height={h}
    >
      <line x1={L} x2={w - 10} y1={h - B} y2={h - B} stroke="#a1a1aa" />
      <text x={L - 6} y={y(max) + 4} fontSize="11" textAnchor="end" fill="#52525b">
        {max}
      </text>
      <text x={L - 6} y={h - B + 4} fontSize="11" textAnchor="end" fill="#52525b">
        0
      </text>
      {bins.map((b, q) => (
        <rect
          key={q}
          x={L + q * bw + 1}
          y={y(b.runs)}
          width={Math.max(1, bw - 2)}
          height={h - B - y(b.runs)}
          fill="#1d4ed8"
        >
          <title>{`${usd(b.from)}–${usd(b.to)}: ${b.runs}`}</title>
        </rect>
      ))}
      {[0, Math.floor(bins.length / 2), bins.length].map((q) => (
        <text
          key={q}
          x={L + q * bw}
          y={h - B + 16}
          fontSize="11"
          textAnchor={q === 0 ? 'start' : q === bins.length ? 'end' : 'middle'}
          fill="#52525b"
        >
          {usd(q === bins.length ? bins[bins.length - 1]!.to : bins[q]!.from)}
        </text>
      ))}
      <text x={L} y={h - 4} fontSize="11" fill="#52525b">
        {t('plan.risk.histogramAxes')}
      </text>
    </svg>
  );
}

function RiskResult({ r }: { r: RiskAnswer }) {
  const t = useT();
  const d = r.valueAtRisk;
  const contributions = r.contributions.filter((c) => c.delta !== null);
  const maxDelta = Math.max(1, ...contributions.map((c) => Math.abs(c.delta!)));
  return (
    <>
      <p data-testid="risk-summary">
        {t('plan.risk.summary', {
          runs: r.runs,
          n: r.distinctScenarios,
          base: usd(r.baselineValue),
        })}
      </p>
      <h3>{t('plan.risk.distribution')}</h3>
      <Columns
        label={t('plan.risk.distribution')}
        bars={[
          { key: 'p5', value: d.p5 },
          { key: 'p50', value: d.p50 },
          { key: t('plan.risk.mean'), value: d.mean },
          { key: 'p95', value: d.p95 },
          { key: 'CVaR 95%', value: d.cvar95 },
        ]}
      />
      {r.histogram.length > 1 ? (
        <>
          <h3>{t('plan.risk.histogram')}</h3>
          <Histogram bins={r.histogram} runs={r.runs} />
        </>
      ) : null}
      <h3>{t('plan.risk.contributions')}</h3>
      <table className="bars" aria-label={t('plan.risk.contributions')}>
        <tbody>
          {contributions.map((c) => (
            <tr key={c.shock}>
              <th scope="row">{c.shock}</th>
              <td className="bar-cell">
                <span
                  className="bar"
                  style={{ width: `${Math.max(0.5, (100 * Math.abs(c.delta!)) / maxDelta)}%` }}
                />
              </td>
              <td className="num">{usd(c.delta)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Timeline({ r }: { r: PlanAnswer }) {
  const t = useT();
  const last = Math.max(1, ...r.projects.map((p) => p.endYear));
  const row = 24;
  const left = 200;
  const yw = 60;
  return (
    <svg
      role="img"
      aria-label={t('plan.timeline')}
      viewBox={`0 0 ${left + last * yw + 10} ${(r.projects.length + 1) * row + 8}`}
      width="100%"
    >
      {Array.from({ length: last }, (_, y) => (
        <text key={y} x={left + y * yw + yw / 2} y={14} textAnchor="middle" fontSize="11">
          {t('plan.year', { n: y + 1 })}
        </text>
      ))}
      {r.projects.map((p, k) => (
        <g key={p.id}>
          <text x={0} y={(k + 1) * row + 16} fontSize="12">
            {p.id}
          </text>
          <rect
            x={left + (p.startYear - 1) * yw + 2}
            y={(k + 1) * row + 4}
            width={(p.endYear - p.startYear + 1) * yw - 4}
            height={row - 8}
            rx={3}
            fill="var(--accent, #3b6ea5)"
          >
            <title>{`${p.id}: ${usd(p.cost)}`}</title>
          </rect>
        </g>
      ))}
    </svg>
  );
}

function Frontier({ r }: { r: PlanAnswer }) {
  const t = useT();
  const pts = r.frontier;
  if (pts.length < 2) return null;
  // A fixed-size chart (not stretched to the page) with labelled axes; the loss axis spans the
  // losses' own range so that differences between budgets stay visible.
  const w = 640;
  const h = 220;
  const L = 70;
  const R = 20;
  const T = 12;
  const B = 40;
  const maxB = Math.max(...pts.map((p) => p.budget)) || 1;
  const losses = pts.map((p) => p.loss);
  const lo = Math.min(...losses);
  const hi = Math.max(...losses);
  const span = hi - lo || Math.abs(hi) || 1;
  const x = (b: number) => L + ((w - L - R) * b) / maxB;
  const y = (l: number) => T + ((h - T - B) * (hi - l)) / span;
  return (
    <svg role="img" aria-label={t('plan.frontier')} viewBox={`0 0 ${w} ${h}`} width={w} height={h}>
      <line x1={L} x2={L} y1={T} y2={h - B} stroke="#a1a1aa" />
      <line x1={L} x2={w - R} y1={h - B} y2={h - B} stroke="#a1a1aa" />
      {[hi, lo].map((v) => (
        <text key={v} x={L - 6} y={y(v) + 4} fontSize="11" textAnchor="end" fill="#52525b">
          {usd(v)}
        </text>
      ))}
      {[0, maxB / 2, maxB].map((b) => (
        <text key={b} x={x(b)} y={h - B + 16} fontSize="11" textAnchor="middle" fill="#52525b">
          {usd(b)}
        </text>
      ))}
      <polyline
        fill="none"
        stroke="var(--accent, #3b6ea5)"
        strokeWidth={2}
        points={pts.map((p) => `${x(p.budget)},${y(p.loss)}`).join(' ')}
      />
      {pts.map((p) => (
        <circle key={p.budget} cx={x(p.budget)} cy={y(p.loss)} r={3} fill="#1d4ed8">
          <title>{`${usd(p.budget)} → ${usd(p.loss)}`}</title>
        </circle>
      ))}
      <text x={L} y={h - 6} fontSize="11" fill="#52525b">
        {t('plan.frontier.axes')}
      </text>
    </svg>
  );
}

function PlanResultView({ r }: { r: PlanAnswer }) {
  const t = useT();
  return (
    <>
      <p data-testid="plan-summary">
        {t('plan.plan.summary', {
          before: usd(r.lossBefore),
          after: usd(r.lossAfter),
          cost: usd(r.cost),
        })}
      </p>
      {r.projects.length === 0 ? (
        <p className="muted">{t('plan.plan.none')}</p>
      ) : (
        <>
          <h3>{t('plan.timeline')}</h3>
          <Timeline r={r} />
          <table aria-label={t('plan.why')}>
            <thead>
              <tr>
                <th>{t('plan.col.project')}</th>
                <th>{t('plan.col.years')}</th>
                <th className="num">{t('plan.col.cost')}</th>
                <th className="num">{t('plan.col.gain')}</th>
              </tr>
            </thead>
            <tbody>
              {r.projects.map((p) => (
                <tr key={p.id}>
                  <td>{p.id}</td>
                  <td>{`${p.startYear}–${p.endYear}`}</td>
                  <td className="num">{usd(p.cost)}</td>
                  <td className="num">{usd(p.marginalGain)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('plan.costByYear')}</h3>
          <Columns
            label={t('plan.costByYear')}
            bars={r.costByYear.map((c) => ({ key: t('plan.year', { n: c.year }), value: c.cost }))}
          />
        </>
      )}
      {r.frontier.length > 1 ? (
        <>
          <h3>{t('plan.frontier')}</h3>
          <Frontier r={r} />
        </>
      ) : null}
    </>
  );
}

export function RiskPlanPage({ perspective }: PageProps) {
  const t = useT();
  const risk = useJob<RiskAnswer>();
  const plan = useJob<PlanAnswer>();
  const [budget, setBudget] = useState('5000000000');
  const runningRisk = risk.job?.status === 'queued' || risk.job?.status === 'running';
  const runningPlan = plan.job?.status === 'queued' || plan.job?.status === 'running';
  return (
    <>
      <h1>{t('nav.plan')}</h1>
      <p className="muted">{t('plan.intro')}</p>
      <section className="card">
        <h2>{t('plan.risk.title')}</h2>
        <p className="muted">{t('plan.risk.model', { id: RISK_MODEL, runs: RUNS })}</p>
        <button
          type="button"
          className="primary"
          disabled={runningRisk}
          onClick={() =>
            risk.start(() => api.startRisk({ risk: RISK_MODEL, country: perspective, runs: RUNS }))
          }
        >
          {t('plan.risk.run')}
        </button>
        <JobStatus run={risk} />
        {risk.job?.status === 'done' && risk.job.result ? <RiskResult r={risk.job.result} /> : null}
      </section>
      <section className="card">
        <h2>{t('plan.plan.title')}</h2>
        <label>
          {t('plan.budget')}{' '}
          <input
            type="number"
            min={0}
            step={1e8}
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
          />
        </label>{' '}
        <button
          type="button"
          className="primary"
          disabled={runningPlan || !(Number(budget) >= 0)}
          onClick={() =>
            plan.start(() =>
              api.startPlan({ budget: Number(budget), country: perspective, frontier: true }),
            )
          }
        >
          {t('plan.plan.run')}
        </button>
        <JobStatus run={plan} />
        {plan.job?.status === 'done' && plan.job.result ? (
          <PlanResultView r={plan.job.result} />
        ) : null}
      </section>
    </>
  );
}
