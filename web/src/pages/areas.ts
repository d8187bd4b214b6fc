/** Display names of areas (the core's list; other areas show their id). */
import { areaName } from '../../../src/core/dataset.js';

export const areaTitle = (id: string) => areaName(id);
