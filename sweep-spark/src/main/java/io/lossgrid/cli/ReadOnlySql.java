package io.lossgrid.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.LocalTempView$;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.execution.command.CreateViewCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * What {@code sql} lets run: statements that write nothing, told apart by Spark's parsed plan before
 * anything runs. Allowed: queries (SELECT, WITH, VALUES, TABLE, FROM ...), EXPLAIN, DESCRIBE, SHOW
 * TABLES/VIEWS/COLUMNS/FUNCTIONS, SET (it changes this session only) and CREATE TEMPORARY VIEW ... AS a
 * query (it lives in this session only). Refused: every other command and every plan that holds one or an
 * insert: INSERT (INTO, OVERWRITE, OVERWRITE DIRECTORY), CREATE TABLE (AS), CREATE VIEW, DROP, CACHE, ...
 */
final class ReadOnlySql {
    /** Commands that write nothing, allowed as the whole statement. */
    private static final List<Class<?>> READING_COMMANDS = List.of(ExplainCommand.class, DescribeRelation.class,
            DescribeColumn.class, DescribeFunction.class, ShowTables.class, ShowViews.class, ShowColumns.class,
            ShowFunctions.class, SetCommand.class);

    private ReadOnlySql() {
    }

    /**
     * Parses a statement and refuses it (a {@link BadInput} naming it and what runs instead) if it could write;
     * returns the names of the tables and views it reads, less those its WITH clauses define. A statement
     * Spark cannot parse is a {@link BadInput} with the first line of Spark's message.
     */
    static Set<String> check(SparkSession spark, String statement) {
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(statement);
        } catch (ParseException e) {
            throw new BadInput("sql error: " + Errors.firstLine(e.getMessage()));
        }
        String refused = writer(plan);
        if (refused != null) {
            throw new BadInput("sql is read-only: refused '" + abbreviate(statement) + "' (" + refused + "); only"
                    + " queries, EXPLAIN, DESCRIBE, SHOW, SET and CREATE TEMPORARY VIEW run; to keep a result,"
                    + " redirect its output (--format csv > FILE)");
        }
        Set<String> reads = new LinkedHashSet<>();
        Set<String> defined = new LinkedHashSet<>();
        relations(plan, reads, defined);
        reads.removeAll(defined);
        return reads;
    }

    /** The name of the plan node that could write, or null when the statement writes nothing. */
    static String writer(LogicalPlan plan) {
        if (READING_COMMANDS.stream().anyMatch(c -> c.isInstance(plan))) {
            return null;
        }
        if (plan instanceof CreateViewCommand view) {
            return view.viewType() == LocalTempView$.MODULE$ ? writer(view.plan()) : "CreateViewCommand";
        }
        if (plan instanceof Command || plan instanceof ParsedStatement || plan instanceof InsertIntoDir) {
            return plan.nodeName();
        }
        for (LogicalPlan child : children(plan)) {
            String w = writer(child);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    /** Adds the relations a plan reads to {@code reads}, and the names its WITH clauses define to {@code defined}. */
    private static void relations(LogicalPlan plan, Set<String> reads, Set<String> defined) {
        if (plan instanceof UnresolvedRelation r) {
            List<String> parts = JavaConverters.seqAsJavaList(r.multipartIdentifier());
            if (parts.size() == 1) {
                reads.add(parts.get(0));
            }
        }
        if (plan instanceof UnresolvedWith with) {
            for (Tuple2<String, ?> cte : JavaConverters.seqAsJavaList(with.cteRelations())) {
                defined.add(cte._1());
            }
        }
        for (LogicalPlan child : children(plan)) {
            relations(child, reads, defined);
        }
    }

    /** A plan's children and inner plans (WITH clauses, the query of a view). */
    private static List<LogicalPlan> children(LogicalPlan plan) {
        List<LogicalPlan> all = new java.util.ArrayList<>(JavaConverters.seqAsJavaList(plan.children()));
        for (Object inner : JavaConverters.seqAsJavaList(plan.innerChildren())) {
            if (inner instanceof LogicalPlan p) {
                all.add(p);
            }
        }
        return all;
    }

    /** The statement on one line, cut to 60 characters. */
    static String abbreviate(String statement) {
        String one = statement.strip().replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
