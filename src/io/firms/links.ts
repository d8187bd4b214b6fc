/**
 * Links read from a file into growable typed arrays, with the line of each link kept so that
 * duplicate links (found when the network is compiled) are reported with both lines.
 */
import type { Allocator, FirmNetwork, FirmNetworkSpec } from '../../core/firms/network.js';
import { buildFirmNetwork, DuplicateLinkError } from '../../core/firms/network.js';
import type { FirmIds } from './lines.js';
import { fail, growFloat, growInt, numberAt } from './lines.js';

export class LinkReader {
  readonly supplier = growInt();
  readonly client = growInt();
  readonly amount = growFloat();
  readonly line = growInt();

  constructor(
    readonly path: string,
    private readonly firms: FirmIds,
  ) {}

  add(
    lineNo: number,
    supplierId: string | undefined,
    clientId: string | undefined,
    amountText: string | undefined,
  ): void {
    const s = this.firm(lineNo, supplierId, 'supplier');
    const c = this.firm(lineNo, clientId, 'client');
    const a = numberAt(this.path, lineNo, 'amount', amountText);
    if (a < 0)
      fail(
        this.path,
        lineNo,
        'negative-amount',
        `amount ${a} is negative`,
        'flows are amounts sold, >= 0',
      );
    if (s === c)
      fail(this.path, lineNo, 'self-link', `firm "${supplierId}" supplies itself`, 'drop the line');
    this.supplier.push(s);
    this.client.push(c);
    this.amount.push(a);
    this.line.push(lineNo);
  }

  private firm(lineNo: number, id: string | undefined, role: string): number {
    if (id === undefined || id === '')
      fail(
        this.path,
        lineNo,
        'missing-field',
        `no ${role}`,
        'each line is: supplier client amount',
      );
    const i = this.firms.index.get(id);
    if (i === undefined) {
      fail(
        this.path,
        lineNo,
        'unknown-firm',
        `${role} "${id}" is not a known firm`,
        'list every firm in the firm (sector) file first',
      );
    }
    return i;
  }

  /** Compile the network; a duplicate link fails with both lines. */
  build(spec: Omit<FirmNetworkSpec, 'links'>, alloc?: Allocator): FirmNetwork {
    try {
      return buildFirmNetwork(
        {
          ...spec,
          links: {
            supplier: this.supplier.data,
            client: this.client.data,
            amount: this.amount.data,
            length: this.supplier.length,
          },
        },
        alloc,
      );
    } catch (err) {
      if (err instanceof DuplicateLinkError) {
        const first = this.line.data[err.first]!;
        const second = this.line.data[err.second]!;
        const ids = spec.ids ?? [];
        fail(
          this.path,
          second,
          'duplicate-link',
          `duplicate link ${ids[this.supplier.data[err.second]!]} -> ${ids[this.client.data[err.second]!]} (first on line ${first})`,
          'merge the two amounts into one line',
        );
      }
      throw err;
    }
  }
}
