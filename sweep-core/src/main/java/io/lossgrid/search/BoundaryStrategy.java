package io.lossgrid.search;

import io.lossgrid.base.Decimal;
import io.lossgrid.data.DataSpec;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.Axis;
import io.lossgrid.spec.BoundarySearch;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import io.lossgrid.spec.SweepSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The boundary search ({@code strategy: boundary}): per {@link Cell}, the learning rate where training stops
 * being stable, bracketed by bisecting log(learning rate).
 *
 * <p>A probe is a learning rate run with every seed of the grid; it is unstable when at least half of its seeds
 * ended with a status in {@code search.unstable}. Only probes whose seeds all finished count. A cell's
 * {@link Bracket}: {@code unstable} is its smallest unstable probe, {@code stable} its largest probe below that;
 * a cell without an unstable probe is stable up to its largest probe, one whose smallest probe is unstable is
 * unstable from there. A bracket is open while unstable / stable is not below {@code precision}.
 *
 * <p>Each round: every cell not yet probed gets both ends of the range; then every open bracket (a cell's whole
 * range, the first time) gets k points spaced evenly in log between its ends, k = taskSlots / (open brackets x
 * seeds), at least 1, and no more than the bracket needs to fall below {@code precision} in one round. When the
 * budget left cannot pay for that, k shrinks for all brackets alike; below one point each, the first brackets
 * in cell order get one point each while the budget lasts. The search is done when no bracket is open or the
 * budget is spent. Points are rounded to 12 significant digits, as axis values are.
 */
public final class BoundaryStrategy implements Strategy {
    private final BoundarySearch search;
    private final List<Cell> cells;
    private final List<Long> seeds;
    private final Map<String, Object> training;
    /** Cells by optimizer name and α, to find the cell of a finished trial from its id. */
    private final Map<String, List<Cell>> cellsByKey = new HashMap<>();
    /** Memo of {@link #cellOf}, a pure function of the row. */
    private final Map<String, Cell> cellById = new HashMap<>();

    BoundaryStrategy(SweepSpec spec, BoundarySearch search) {
        this.search = search;
        this.seeds = spec.grid().seeds();
        this.training = spec.training().identity();
        List<Cell> out = new ArrayList<>();
        for (DataSpec d : spec.data()) {
            for (ModelSpec m : spec.models()) {
                for (Loss l : spec.losses()) {
                    for (Optimizer o : spec.grid().optimizers()) {
                        for (double a : spec.grid().alpha().values()) {
                            Cell c = new Cell(out.size(), d, m, l, o, a);
                            out.add(c);
                            cellsByKey.computeIfAbsent(key(o.name(), a), k -> new ArrayList<>()).add(c);
                        }
                    }
                }
            }
        }
        this.cells = List.copyOf(out);
    }

    /** The cells, in order: data, model, loss, optimizer, α, outermost first. */
    public List<Cell> cells() {
        return cells;
    }

    @Override
    public Optional<Round> next(SearchState state, int taskSlots) {
        if (taskSlots < 1) {
            throw new IllegalArgumentException("taskSlots must be >= 1, found " + taskSlots);
        }
        int last = state.lastRound();
        if (last >= 0) {
            // The last round may have been cut short: plan it again from the rounds before it, and when what
            // finished of it is part of that plan, complete it.
            List<Trial> planned = plan(state.before(last), last, taskSlots);
            Set<String> ids = new HashSet<>();
            planned.forEach(t -> ids.add(t.id()));
            boolean asPlanned = state.rows().stream().filter(f -> f.round() == last).allMatch(f -> ids.contains(f.trialId()));
            if (asPlanned && planned.stream().anyMatch(t -> !state.finished(t.id()))) {
                return Optional.of(new Round(last, planned));
            }
        }
        List<Trial> next = plan(state, last + 1, taskSlots);
        return next.isEmpty() ? Optional.empty() : Optional.of(new Round(last + 1, next));
    }

    /**
     * What the search found per cell, in cell order.
     *
     * @throws IllegalStateException when a cell has no probe whose seeds all finished (run the first round first)
     */
    public List<Bracket> brackets(SearchState state) {
        Map<Integer, Probes> probes = probes(state);
        List<Bracket> out = new ArrayList<>();
        for (Cell c : cells) {
            Probes p = probes.getOrDefault(c.index(), new Probes());
            Bracket b = p.bracket(c);
            if (b == null) {
                throw new IllegalStateException("cell " + c.describe() + " has no probe whose seeds all finished: "
                        + "run the search's first round before asking for its brackets");
            }
            out.add(b);
        }
        return out;
    }

    /** The trials of round {@code round}, planned from {@code state} (the rounds before it). */
    private List<Trial> plan(SearchState state, int round, int taskSlots) {
        Map<Integer, Probes> probes = probes(state);
        long left = (long) search.budget() - state.size();
        int per = seeds.size();
        Map<Integer, TreeSet<Double>> points = new LinkedHashMap<>();
        List<double[]> open = new ArrayList<>(); // {cell index, stable end, unstable end}
        double lo = search.learningRate().from();
        double hi = search.learningRate().to();
        for (Cell c : cells) {
            Probes p = probes.getOrDefault(c.index(), new Probes());
            Bracket b = p.bracket(c);
            if (b == null) {
                if (left >= 2L * per) {
                    points.computeIfAbsent(c.index(), k -> new TreeSet<>()).addAll(List.of(lo, hi));
                    left -= 2L * per;
                    open.add(new double[] {c.index(), lo, hi});
                }
            } else if (b.kind() == Bracket.Kind.BRACKETED && !b.within(search.precision())) {
                open.add(new double[] {c.index(), b.stable(), b.unstable()});
            }
        }
        if (!open.isEmpty()) {
            int k = Math.max(1, taskSlots / (open.size() * per));
            int[] need = new int[open.size()];
            for (int i = 0; i < need.length; i++) {
                double ratio = open.get(i)[2] / open.get(i)[1];
                need[i] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(Math.log(ratio) / Math.log(search.precision()))));
            }
            int fit = k;
            while (fit >= 1 && cost(need, fit) * per > left) {
                fit--;
            }
            for (int i = 0; i < need.length; i++) {
                int m = fit >= 1 ? Math.min(fit, need[i]) : (left >= per ? 1 : 0);
                if (fit < 1) {
                    left -= (long) m * per;
                }
                double[] o = open.get(i);
                TreeSet<Double> at = points.computeIfAbsent((int) o[0], key -> new TreeSet<>());
                for (int j = 1; j <= m; j++) {
                    double v = Decimal.significant(Math.exp(Math.log(o[1]) + (Math.log(o[2]) - Math.log(o[1])) * j / (m + 1)));
                    if (v > o[1] && v < o[2]) {
                        at.add(v);
                    }
                }
            }
        }
        List<Trial> trials = new ArrayList<>();
        int index = state.size();
        for (Cell c : cells) {
            for (double lr : points.getOrDefault(c.index(), new TreeSet<>())) {
                for (long seed : seeds) {
                    trials.add(c.probe(lr, seed, training, index++, round));
                }
            }
        }
        return trials;
    }

    /** How many points {@code k} per bracket, each capped at what it needs, cost in all. */
    private static long cost(int[] need, int k) {
        long sum = 0;
        for (int n : need) {
            sum += Math.min(k, n);
        }
        return sum;
    }

    /** The probes of each cell (by index) from the finished rows. */
    private Map<Integer, Probes> probes(SearchState state) {
        Map<Integer, Probes> out = new HashMap<>();
        for (Finished f : state.rows()) {
            Cell c = cellOf(f);
            out.computeIfAbsent(c.index(), k -> new Probes()).add(f);
        }
        return out;
    }

    /**
     * The cell a finished trial probed: the one of its optimizer and α whose probe at its learning rate and seed
     * has its id.
     *
     * @throws IllegalArgumentException when no cell does (a row of another spec)
     */
    private Cell cellOf(Finished f) {
        Cell known = cellById.get(f.trialId());
        if (known != null) {
            return known;
        }
        int dash = f.trialId().lastIndexOf('-');
        String name = dash < 0 ? "" : f.trialId().substring(0, dash);
        for (Cell c : cellsByKey.getOrDefault(key(name, f.alpha()), List.of())) {
            if (c.probe(f.learningRate(), f.seed(), training, 0, 0).id().equals(f.trialId())) {
                cellById.put(f.trialId(), c);
                return c;
            }
        }
        throw new IllegalArgumentException("trial " + f.trialId() + " (alpha " + f.alpha() + ", lr " + f.learningRate()
                + ", seed " + f.seed() + ") is not a probe of this boundary search: its rows come from another spec");
    }

    private static String key(String optimizerName, double alpha) {
        return optimizerName + "|" + alpha;
    }

    /** One cell's finished rows: by learning rate, each seed's status. */
    private final class Probes {
        private final TreeMap<Double, Map<Long, Status>> byRate = new TreeMap<>();
        private int trials;

        void add(Finished f) {
            byRate.computeIfAbsent(f.learningRate(), k -> new HashMap<>()).put(f.seed(), f.status());
            trials++;
        }

        /** The cell's bracket from its complete probes, or null when none is complete. */
        Bracket bracket(Cell cell) {
            Double lastStable = null;
            Double maxComplete = null;
            for (Map.Entry<Double, Map<Long, Status>> e : byRate.entrySet()) {
                if (!e.getValue().keySet().containsAll(seeds)) {
                    continue;
                }
                maxComplete = e.getKey();
                long unstable = seeds.stream().filter(s -> search.unstable(e.getValue().get(s))).count();
                if (2 * unstable >= seeds.size()) {
                    return lastStable == null ? new Bracket(cell, Bracket.Kind.UNSTABLE_FROM, null, e.getKey(), trials)
                            : new Bracket(cell, Bracket.Kind.BRACKETED, lastStable, e.getKey(), trials);
                }
                lastStable = e.getKey();
            }
            return maxComplete == null ? null : new Bracket(cell, Bracket.Kind.STABLE_UP_TO, maxComplete, null, trials);
        }
    }
}
