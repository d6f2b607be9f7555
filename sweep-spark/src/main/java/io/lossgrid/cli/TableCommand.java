package io.lossgrid.cli;

import io.lossgrid.analysis.Analysis;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A verb that computes one analysis table over a results directory and prints it (nothing is written). */
abstract class TableCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory")
    String dir;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (one object per line); default: ${DEFAULT-VALUE}")
    SqlCommand.Format format;

    @picocli.CommandLine.Mixin
    MasterOption master;

    abstract String table();

    @Override
    public Integer call() {
        try (Sessions session = master.open("lossgrid " + table())) {
            SparkSession spark = session.spark();
            Analysis analysis = Analysis.of(spark, Views.open(spark, dir));
            SqlCommand.print(analysis.tables().get(table()).get(), format, command.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "stability", description = "Print the stability map: status of every (alpha, lr) cell per optimizer,"
            + " with medians over seeds of final loss and epochs to target.")
    static final class Stability extends TableCommand {
        String table() {
            return "stability";
        }
    }

    @Command(name = "critical-lr", description = "Print, per optimizer and alpha, the largest stable and smallest"
            + " diverging learning rate, and the critical alpha*lr.")
    static final class CriticalLr extends TableCommand {
        String table() {
            return "critical_lr";
        }
    }

    @Command(name = "equivalence", description = "Print the equivalence classes (same alpha*lr, or same lr) and how far"
            + " apart their loss curves are.")
    static final class Equivalence extends TableCommand {
        String table() {
            return "equivalence";
        }
    }

    @Command(name = "invariance", description = "Print, per optimizer, which invariance holds (alpha*lr or alpha) and how"
            + " well, in numbers.")
    static final class Invariance extends TableCommand {
        String table() {
            return "invariance";
        }
    }

    @Command(name = "alpha-sensitivity", description = "Print, per optimizer and alpha, how far its loss curves are from"
            + " those at the alpha nearest 1 (same lr and seed): where epsilon starts to matter.")
    static final class AlphaSensitivity extends TableCommand {
        String table() {
            return "alpha_sensitivity";
        }
    }

    @Command(name = "seed-spread", description = "Print, per cell with several seeds, the spread of final loss and of"
            + " statuses.")
    static final class SeedSpread extends TableCommand {
        String table() {
            return "seed_spread";
        }
    }

    @Command(name = "convergence", description = "Print, per trial, epochs to the target (or to the best loss of its"
            + " group when the spec gave no target).")
    static final class Convergence extends TableCommand {
        String table() {
            return "convergence";
        }
    }
}
