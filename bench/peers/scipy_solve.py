#!/usr/bin/env python3
"""Peer of the placement benchmark (bench/placement.ts): native HiGHS through scipy.optimize.milp.

Usage: python3 bench/peers/scipy_solve.py DIR [DIR ...]

Each DIR holds one placement problem as written by bench/placement.ts: header.json and the raw
little-endian arrays pairAgent.i32, pairOption.i32, pairValue.f64, use<d>.f64 per dimension,
consOptions.i32 (the options of every constraint, concatenated) and, when agents may stay
unplaced, unplaced.f64 (-inf / +inf = must be placed). The MILP is the one the LP file for CBC
states (src/placement/lp-format.ts): binary x_k per pair, continuous u_i in [0, 1] per agent
with a finite unplaced value, one row "sum x + u = 1" per agent and one row "sum use * x <= cap"
per capacity constraint.

Prints one JSON line per problem: status, objective, bound (res.mip_dual_bound), gap, the time
of the milp() call (solveSec), of reading and building the matrix (loadSec), and the process's
peak memory so far (ru_maxrss; the interpreter and numpy/scipy included). With "relax" in the
header the LP relaxation is solved instead (HiGHS's LP solver; the bound is then its optimum). Writes the assignment
(option per agent, -1 unplaced) to DIR/assignment.i32 for the benchmark to check with evaluate().
"""
import json
import os
import resource
import sys
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array


def load(d):
    with open(os.path.join(d, 'header.json')) as f:
        h = json.load(f)
    arr = lambda name, dt: np.fromfile(os.path.join(d, name), dtype=dt)
    pa = arr('pairAgent.i32', '<i4').astype(np.int64)
    po = arr('pairOption.i32', '<i4').astype(np.int64)
    pv = arr('pairValue.f64', '<f8')
    uses = [arr(f'use{q}.f64', '<f8') for q in range(len(h['dimensions']))]
    cons_opts = arr('consOptions.i32', '<i4').astype(np.int64)
    unplaced = arr('unplaced.f64', '<f8') if h['hasUnplaced'] else None
    return h, pa, po, pv, uses, cons_opts, unplaced


def build(h, pa, po, pv, uses, cons_opts, unplaced):
    agents, options, npairs = h['agents'], h['options'], len(pa)
    cons = h['constraints']
    nc = len(cons)
    sign = -1.0 if h['sense'] == 'max' else 1.0  # milp minimises
    # Slack columns u_i for agents with a finite unplaced value.
    slack_agents = np.flatnonzero(np.isfinite(unplaced)) if unplaced is not None else np.zeros(0, dtype=np.int64)
    nu = len(slack_agents)
    ncol = npairs + nu
    c = np.concatenate([sign * pv, sign * unplaced[slack_agents]]) if nu else sign * pv

    # Agent rows: sum_k x_k + u_i = 1.
    rows = [pa, slack_agents]
    cols = [np.arange(npairs, dtype=np.int64), npairs + np.arange(nu, dtype=np.int64)]
    data = [np.ones(npairs), np.ones(nu)]

    # Constraint rows: for every pair, the constraints covering its option.
    counts = np.array([k['options'] for k in cons], dtype=np.int64)
    con_of_entry = np.repeat(np.arange(nc, dtype=np.int64), counts)
    order = np.argsort(cons_opts, kind='stable')
    opt_sorted, con_sorted = cons_opts[order], con_of_entry[order]
    opt_start = np.zeros(options + 1, dtype=np.int64)
    np.cumsum(np.bincount(opt_sorted, minlength=options), out=opt_start[1:])
    per_pair = opt_start[po + 1] - opt_start[po]
    total = int(per_pair.sum())
    k_rep = np.repeat(np.arange(npairs, dtype=np.int64), per_pair)
    first = np.repeat(opt_start[po], per_pair)
    offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    con = con_sorted[first + offset]
    del first, offset
    dim_of = np.array([k['dimension'] for k in cons], dtype=np.int64)
    val = np.empty(total)
    for q, use in enumerate(uses):
        sel = dim_of[con] == q
        val[sel] = use[k_rep[sel]]
    nz = val != 0
    rows.append(agents + con[nz])
    cols.append(k_rep[nz])
    data.append(val[nz])
    del k_rep, con, val, nz

    A = coo_array((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(agents + nc, ncol)).tocsr()
    caps = np.array([k['cap'] for k in cons], dtype=float)
    lb = np.concatenate([np.ones(agents), np.full(nc, -np.inf)])
    ub = np.concatenate([np.ones(agents), caps])
    # The LP relaxation ("relax": the benchmark's network instances) drops the integrality.
    integrality = np.zeros(ncol) if h.get('relax') else np.concatenate([np.ones(npairs), np.zeros(nu)])
    return c, LinearConstraint(A, lb, ub), integrality, Bounds(np.zeros(ncol), np.ones(ncol)), sign


def main():
    for d in sys.argv[1:]:
        t0 = time.perf_counter()
        h, pa, po, pv, uses, cons_opts, unplaced = load(d)
        c, constraint, integrality, bounds, sign = build(h, pa, po, pv, uses, cons_opts, unplaced)
        t1 = time.perf_counter()
        opts = {'time_limit': float(h['timeLimitSec']), 'disp': False}
        if not h.get('relax'):
            opts['mip_rel_gap'] = float(h['gapTolerance'])
        res = milp(c, constraints=constraint, integrality=integrality, bounds=bounds, options=opts)
        t2 = time.perf_counter()
        out = {'name': h['name'], 'status': int(res.status), 'message': str(res.message), 'solveSec': t2 - t1, 'loadSec': t1 - t0,
               'objective': None, 'bound': None, 'gap': None}
        assignment = np.full(h['agents'], -1, dtype='<i4')
        if res.x is not None:
            out['objective'] = sign * float(res.fun)
            x = res.x[:len(pa)]
            chosen = np.flatnonzero(x > 0.5)
            assignment[pa[chosen]] = po[chosen]
        bound = getattr(res, 'mip_dual_bound', None)
        if bound is not None and np.isfinite(bound):
            out['bound'] = sign * float(bound)
        gap = getattr(res, 'mip_gap', None)
        if gap is not None and np.isfinite(gap):
            out['gap'] = float(gap)
        assignment.tofile(os.path.join(d, 'assignment.i32'))
        out['maxRssKb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps(out), flush=True)


if __name__ == '__main__':
    main()
