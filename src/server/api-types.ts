/**
 * Types of the API's own answers (those that are not a CLI answer from src/core), for the
 * server and for the dashboard's typed client. Imports only core types, so the browser build
 * can use it.
 */
import type { Source } from '../core/dataset.js';
import type { Scenario } from '../core/scenario.js';
import type { RunSummary, ScenarioVersion } from '../store/types.js';

/** A validation issue (io/issues.ts ValidationIssue), as JSON. */
export interface Issue {
  severity: 'error' | 'warning';
  code: string;
  file: string;
  line?: number | undefined;
  column?: string | undefined;
  message: string;
  hint?: string | undefined;
}

export interface AreaCoverage {
  id: string;
  name: string;
  items: number;
  /** Items with at least one quantified supplier share. */
  quantifiedItems: number;
  /** Items with a market size. */
  sizedItems: number;
  /** Items with at least one requirement (an input) listed. */
  withRequirements: number;
  /** Share rows (country or organization) of the area's items. */
  shareRows: number;
}

/** `GET /api/datasets/current`. */
export interface DatasetSummary {
  name: string | null;
  version: string | null;
  description: string | null;
  license: string | null;
  homepage: string | null;
  format: 'folder' | 'json';
  counts: Record<
    | 'items'
    | 'requirements'
    | 'shares'
    | 'organizations'
    | 'countries'
    | 'demand'
    | 'blocs'
    | 'sources',
    number
  >;
  areas: AreaCoverage[];
  countries: { code: string; name: string }[];
  blocs: { id: string; members: string[] }[];
  validation: { errors: number; warnings: number; issues: Issue[] };
  sources: Source[];
}

export interface GraphNode {
  item: string;
  name: string;
  area: string;
  kind: string;
  stage: string | null;
  variantOf: string | null;
  marketSizeUsd: number | null;
  /** Belongs to another area; shown because an item of this area requires it. */
  external: boolean;
  hhi: number | null;
  top: { country: string; share: number } | null;
  /** The perspective's share of world supply; null when no share is known. */
  domestic: number | null;
}

export interface GraphEdge {
  /** The input. */
  from: string;
  /** The item that requires it. */
  to: string;
  criticality: number;
  group: string | null;
}

/** `GET /api/graph`. */
export interface AreaGraph {
  area: string;
  perspective: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** An entry of `GET /api/scenarios`. */
export interface LibraryEntry {
  id: string;
  name: string | null;
  description: string | null;
  perspective: string | null;
  shocks: number;
  sources: string[];
  /** The file name in its library folder. */
  file: string;
  valid: boolean;
  problems: string[];
  /** The parsed scenario, ready to POST to /api/simulate. */
  scenario: Scenario;
  /** The file's text (YAML or JSON). */
  text: string;
}

/** The body of every error response. */
export interface ApiErrorBody {
  error: {
    message: string;
    pointer: string;
    hint?: string;
    suggestions?: string[];
    problems?: { pointer: string; message: string; hint?: string; line?: number }[];
  };
}

/** `GET /api/auth`: who the request acts as. */
export interface AuthAnswer {
  role: 'viewer' | 'analyst' | 'admin' | null;
  via: 'local' | 'token' | 'public-read' | null;
  token: { id: string; name: string } | null;
  store: 'sqlite' | 'postgres' | null;
  publicRead: boolean;
}

/** A saved scenario version, as JSON (the store's record: dates are ISO strings). */
export type SavedScenario = ScenarioVersion;

/** A saved run without its inputs and results, as JSON. */
export type SavedRunSummary = RunSummary;
