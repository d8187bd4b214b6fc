/**
 * Firm network files (docs/firms.md): the ProductionNetworkSimulator's whitespace files and
 * the CSV form.
 */
export type { FirmInput, SimulatorFiles } from './read-simulator.js';
export { readSimulatorFiles } from './read-simulator.js';
export { FIRM_CSV, readFirmCsv } from './read-csv.js';
export { writeFirmCsv } from './write-csv.js';
export { forEachLine } from './lines.js';
