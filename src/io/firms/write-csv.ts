/**
 * Write a firm network (and optional shocks) in the CSV form read by read-csv.ts. The folder
 * is written next to its target and renamed into place when complete; an existing non-empty
 * target is replaced only with `force`. Rows are written in 1 MiB pieces, so writing a
 * network of millions of links needs no large string.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FirmNetwork } from '../../core/firms/network.js';
import type { FirmShock } from '../../core/firms/shocks.js';
import { OutputExistsError } from '../write-dataset.js';

class Out {
  private parts: string[] = [];
  private size = 0;
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  line(s: string): void {
    this.parts.push(s);
    this.size += s.length + 1;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length > 0) writeSync(this.fd, this.parts.join('\n') + '\n');
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function writeFirmCsv(
  dir: string,
  net: FirmNetwork,
  shocks: readonly FirmShock[] = [],
  options: { force?: boolean } = {},
): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !options.force)
    throw new OutputExistsError(dir);
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    const id = (i: number) => net.ids?.[i] ?? String(i);
    const firms = new Out(join(tmp, 'firms.csv'));
    firms.line('id,sector,country,final_demand');
    for (let i = 0; i < net.nFirms; i++) {
      firms.line(
        `${id(i)},${net.sectorNames[net.sector[i]!]},${net.countryNames[net.country[i]!]},${net.finalDemand[i]}`,
      );
    }
    firms.close();
    const links = new Out(join(tmp, 'links.csv'));
    links.line('supplier,client,amount');
    for (let c = 0; c < net.nFirms; c++) {
      for (let e = net.inOffsets[c]!; e < net.inOffsets[c + 1]!; e++) {
        links.line(`${id(net.supplier[e]!)},${id(c)},${net.flow[e]}`);
      }
    }
    links.close();
    if (shocks.length > 0) {
      const sh = new Out(join(tmp, 'shocks.csv'));
      sh.line('firm,delta,start,recovery');
      for (const s of shocks)
        sh.line(`${id(s.firm)},${s.delta},${s.start ?? 0},${s.recovery ?? 0}`);
      sh.close();
    }
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
