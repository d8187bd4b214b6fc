#!/usr/bin/python3
# Peer implementation of Chokepoint's capability equilibrium (MODEL.md section 3), written
# independently of src/core/equilibrium as a plain reference: numpy for the arrays, and
# scipy's linear programming (HiGHS) for the max-min fair allocation of market mode.
#
# Input: a problem folder exported by bench/peer-problem.ts (manifest.json plus flat
# little-endian arrays). The exported problem carries what the peer does not redo: the
# demand table (d, baseline capacity shares, items made where they are used) and the
# variant structure (derived categories, their weights and bottom-up order). Everything
# else is computed here from the model's formulas:
#   allowed[j][k][m] = prod over matching restrictions of (1 - severity), never for k == m;
#   capacity = (s + added) * (1 - outage); supply S = capacity * x;
#   allocation: items made where they are used draw on their own node, a = min(1, S/d);
#     fixed: a[m] = min(1, sum_k allowed[k][m] S[k] / sum_k s[k]);
#     market, unrestricted: proportional rationing a = min(1, sum S / sum d);
#     market, restricted: supplier k may send buyer m up to S[k] where allowed = 1, and up to
#       allowed * S[k] * d[m] / sum d where allowed < 1 (docs/model.md, partial restrictions);
#       lexicographic max-min fair access by water-filling, one LP per
#       level (maximize the common ratio t of the open buyers, frozen buyers keep theirs),
#       then freezing the open buyers that no augmenting path in the residual network of
#       the LP's flow can reach (they cannot rise without lowering someone at or below t);
#   derived categories: a = weighted mean of the variants' a; x = mean of the variants'
#     x weighted by fraction * share;
#   production: x[i][k] = min over slots of 1 - c (1 - min(1, sum e a / min(1, sum e)));
#   fixed point from x = 1 until the largest change in x is below the tolerance.
#
# Usage: /usr/bin/python3 bench/peer_equilibrium.py PROBLEM_DIR [--warmup N] [--repeats N]
# Writes PROBLEM_DIR/peer_x.bin, peer_a.bin (float64, items x countries) and peer.json.

import json
import os
import sys
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix
from scipy.sparse import vstack as sparse_vstack

SNAP = 1e-12  # ratios within this of 1 count as 1 (docs/model.md)
REACH_EPS = 1e-9  # residual capacities below this (at unit scale) count as saturated
DTYPES = {"f8": "<f8", "i4": "<i4", "u1": "u1"}


def load(folder):
    with open(os.path.join(folder, "manifest.json")) as f:
        man = json.load(f)
    arr = {}
    for key, spec in man["arrays"].items():
        arr[key] = np.fromfile(os.path.join(folder, spec["file"]), dtype=DTYPES[spec["dtype"]])
    n_i, n_c = man["nItems"], man["nCountries"]
    for key in ("baseShare", "share", "demand", "outage", "added"):
        arr[key] = arr[key].reshape(n_i, n_c)
    return man, arr


def build_allowed(man):
    n_c = man["nCountries"]
    allowed = {}
    for r in man["restrictions"]:
        if not r["severity"] > 0:
            continue
        keep = 1.0 - r["severity"]
        to = np.array(sorted(set(r["to"])), dtype=np.int64)
        for j in sorted(set(r["items"])):
            mat = allowed.setdefault(j, np.ones((n_c, n_c)))
            for k in sorted(set(r["from"])):
                cols = to[to != k]  # never a country's own supply
                mat[k, cols] *= keep
    return allowed


class Stats:
    def __init__(self):
        self.market = 0
        self.lp = 0


def max_min_fair(S, d, allowed, stats):
    """Lexicographic max-min fair access ratios for one item (market mode)."""
    n = len(d)
    a = np.ones(n)
    sup = np.flatnonzero(S > 0)
    buy = np.flatnonzero(d > 0)
    if len(buy) == 0:
        return a
    stats.market += 1
    scale = max(S.sum(), d.sum())
    s = S[sup] / scale
    dd = d[buy] / scale
    # Pair caps (docs/model.md, "partial restrictions"): an unrestricted pair may carry all of
    # the supplier's output; a restricted pair (allowed < 1) at most allowed times the buyer's
    # proportional share of it, allowed * S[k] * d[m] / sum d.
    al = allowed[np.ix_(sup, buy)]
    cap = np.where(al < 1, al * (dd / dd.sum())[None, :], 1.0) * s[:, None]
    eq, ep = np.nonzero(cap > 0)  # edges supplier q -> buyer p
    ecap = cap[eq, ep]
    n_e, n_k, n_b = len(eq), len(sup), len(buy)
    # Rows of A_ub: suppliers (sum out <= s), buyers' floors, buyers' ceilings (<= d).
    e_idx = np.arange(n_e)
    sup_rows = csr_matrix((np.ones(n_e), (eq, e_idx)), shape=(n_k, n_e + 1))
    into = csr_matrix((np.ones(n_e), (ep, e_idx)), shape=(n_b, n_e + 1))
    ratio = np.full(n_b, -1.0)
    level = 0.0
    while (ratio < 0).any():
        open_ = ratio < 0
        # floor: d t - inflow <= 0 for open buyers; -inflow <= -d r for frozen ones.
        t_col = csr_matrix((dd * open_, (np.arange(n_b), np.full(n_b, n_e))), shape=(n_b, n_e + 1))
        A = sparse_vstack([sup_rows, t_col - into, into], format="csr")
        b = np.concatenate([s, np.where(open_, 0.0, -dd * ratio), dd])
        c = np.zeros(n_e + 1)
        c[n_e] = -1.0
        bounds = np.column_stack([np.zeros(n_e + 1), np.append(ecap, 1.0)])
        bounds[n_e, 0] = level
        stats.lp += 1
        res = linprog(
            c,
            A_ub=A,
            b_ub=b,
            bounds=bounds,
            method="highs",
            options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
        )
        if res.status != 0:
            raise RuntimeError("LP failed: " + res.message)
        t = min(1.0, max(level, res.x[n_e]))
        f = res.x[:n_e]
        if t >= 1 - SNAP:
            ratio[open_] = 1.0
            break
        # Who can still rise? Residual network of the LP's flow: start from suppliers with
        # spare supply and from buyers holding more than their floor (they can give some up);
        # supplier -> buyer where the edge has residual capacity, buyer -> supplier where the
        # buyer takes flow from that supplier (it can switch that flow away).
        inflow = np.bincount(ep, weights=f, minlength=n_b)
        floor = dd * np.where(open_, t, ratio)
        out = np.bincount(eq, weights=f, minlength=n_k)
        seen_k = (s - out) > REACH_EPS
        surplus = (inflow - floor) > REACH_EPS
        for p in np.flatnonzero(surplus):
            seen_k[eq[(ep == p) & (f > REACH_EPS)]] = True
        seen_b = np.zeros(n_b, dtype=bool)
        frontier = list(np.flatnonzero(seen_k))
        while frontier:
            q = frontier.pop()
            for e in np.flatnonzero((eq == q) & (ecap - f > REACH_EPS)):
                p = ep[e]
                if seen_b[p]:
                    continue
                seen_b[p] = True
                for e2 in np.flatnonzero((ep == p) & (f > REACH_EPS)):
                    q2 = eq[e2]
                    if not seen_k[q2]:
                        seen_k[q2] = True
                        frontier.append(q2)
        blocked = open_ & ~seen_b & ~surplus
        if not blocked.any():
            blocked = open_  # rounding guard: freeze all at t (within tolerance)
        ratio[blocked] = t
        level = t
    r = np.where(ratio > 1 - SNAP, 1.0, ratio)
    a[buy] = r
    return a


def solve(man, A, stats):
    n_i, n_c = man["nItems"], man["nCountries"]
    mode = man["reallocation"]
    tol, max_sweeps = man["tolerance"], man["maxSweeps"]
    base, d, share = A["baseShare"], A["demand"], A["share"]
    capacity = (base + A["added"]) * (1 - A["outage"])
    is_local = A["isLocal"].astype(bool)
    derived = A["derived"].astype(bool)
    fraction = A["fraction"]
    v_off, v_child = A["variantOffsets"], A["variantChild"]
    bottom_up = A["bottomUp"]
    req_off = A["reqOffsets"]
    s_off, s_in = A["slotInputOffsets"], A["slotInput"]
    s_eff, s_crit = A["slotEfficiency"], A["slotCriticality"]
    allowed = build_allowed(man)
    restricted = np.zeros(n_i, dtype=bool)
    restricted[list(allowed.keys())] = True

    # Production structure, vectorized over slots.
    n_slots = len(s_crit)
    eff_sum = np.add.reduceat(s_eff, s_off[:-1]) if n_slots else np.zeros(0)
    norm = np.where((eff_sum >= 1) | ~(eff_sum > 0), 1.0, eff_sum)
    has_slots = np.diff(req_off) > 0
    first_slot = req_off[:-1][has_slots]
    sum_base = base.sum(axis=1)
    sum_d = d.sum(axis=1)
    has_d = d > 0

    x = np.ones((n_i, n_c))
    a = np.ones((n_i, n_c))
    dirty = np.ones(n_i, dtype=bool)
    iterations, max_change = 0, np.inf
    while iterations < max_sweeps:
        iterations += 1
        S = capacity * x
        todo = dirty & ~derived
        # Items made where they are used: each country draws on its own node.
        rows = np.flatnonzero(todo & is_local)
        with np.errstate(divide="ignore", invalid="ignore"):
            a[rows] = np.where(has_d[rows], np.minimum(1.0, S[rows] / d[rows]), 1.0)
        traded = todo & ~is_local
        if mode == "fixed":
            plain = np.flatnonzero(traded & ~restricted)
            with np.errstate(divide="ignore", invalid="ignore"):
                r = np.where(sum_base[plain] > 0, np.minimum(1.0, S[plain].sum(axis=1) / sum_base[plain]), 1.0)
            r = np.where(r > 1 - SNAP, 1.0, r)
            a[plain] = np.where(has_d[plain], r[:, None], 1.0)
            for j in np.flatnonzero(traded & restricted):
                got = S[j] @ allowed[j]  # sum_k allowed[k][m] S[k] (diagonal is 1)
                r = np.minimum(1.0, got / sum_base[j]) if sum_base[j] > 0 else np.ones(n_c)
                r = np.where(r > 1 - SNAP, 1.0, r)
                a[j] = np.where(has_d[j], r, 1.0)
        else:
            plain = np.flatnonzero(traded & ~restricted)
            with np.errstate(divide="ignore", invalid="ignore"):
                r = np.where(sum_d[plain] > 0, np.minimum(1.0, S[plain].sum(axis=1) / sum_d[plain]), 1.0)
            r = np.where(r > 1 - SNAP, 1.0, r)
            a[plain] = np.where(has_d[plain], r[:, None], 1.0)
            for j in np.flatnonzero(traded & restricted):
                a[j] = max_min_fair(S[j], d[j], allowed[j], stats)
        # Derived categories see their variants' weighted access.
        for g in bottom_up:
            kids = v_child[v_off[g] : v_off[g + 1]]
            a[g] = fraction[kids] @ a[kids]
        # Production.
        x_next = x.copy()
        if n_slots:
            acc = np.add.reduceat(s_eff[:, None] * a[s_in], s_off[:-1], axis=0) / norm[:, None]
            val = 1 - s_crit[:, None] * (1 - np.minimum(acc, 1.0))
            per_item = np.minimum(np.minimum.reduceat(val, first_slot, axis=0), 1.0)
            x_next[has_slots] = per_item
        x_next[~has_slots & ~derived] = 1.0
        x_next[has_slots & derived] = x[has_slots & derived]
        for g in bottom_up:
            kids = v_child[v_off[g] : v_off[g + 1]]
            w = fraction[kids][:, None] * share[kids]
            den = w.sum(axis=0)
            num = (w * x_next[kids]).sum(axis=0)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_next[g] = np.where(den > 0, num / den, 1.0)
        change = np.abs(x_next - x).max(axis=1)
        dirty = change > 0
        max_change = change.max() if n_i else 0.0
        x = x_next
        if max_change < tol:
            break
    return x, a, iterations, bool(max_change < tol)


def main():
    args = sys.argv[1:]
    folder = args[0]
    warmup = int(args[args.index("--warmup") + 1]) if "--warmup" in args else 1
    repeats = int(args[args.index("--repeats") + 1]) if "--repeats" in args else 3
    man, arrays = load(folder)
    for _ in range(warmup):
        solve(man, arrays, Stats())
    times = []
    result = None
    stats = Stats()
    for _ in range(max(1, repeats)):
        stats = Stats()
        t0 = time.perf_counter()
        result = solve(man, arrays, stats)
        times.append((time.perf_counter() - t0) * 1000)
    x, a, iterations, converged = result
    x.astype("<f8").tofile(os.path.join(folder, "peer_x.bin"))
    a.astype("<f8").tofile(os.path.join(folder, "peer_a.bin"))
    with open(os.path.join(folder, "peer.json"), "w") as f:
        json.dump(
            {
                "timesMs": times,
                "iterations": iterations,
                "converged": converged,
                "marketAllocations": stats.market,
                "lpSolves": stats.lp,
                "numpy": np.__version__,
                "python": sys.version.split()[0],
            },
            f,
            indent=1,
        )


if __name__ == "__main__":
    main()
