/** The investment planner (MODEL.md §6): public surface of this folder. */
export type { PlanObjective, PlanScenario } from './evaluate.js';
export { PortfolioEvaluator, netValueAtRisk, portfolioLoss, portfolioShocks } from './evaluate.js';
export type {
  FrontierPoint,
  PlanInput,
  PlanOptions,
  PlanResult,
  PlannedProject,
  PortfolioRequest,
} from './planner.js';
export {
  PLAN_DEFAULTS,
  PlanInfeasibleError,
  defaultFrontierBudgets,
  planPortfolio,
  planSteps,
} from './planner.js';
export type { Project } from './project.js';
export {
  RequiresCycleError,
  findRequiresCycle,
  requiresClosure,
  startYears,
  yearlyCosts,
} from './project.js';
export type {
  SelectionProblem,
  SelectionResult,
  SelectionSolver,
  SelectionStatus,
} from './selection.js';
export { bruteForceSelection, isFeasible, linearObjective } from './selection.js';
