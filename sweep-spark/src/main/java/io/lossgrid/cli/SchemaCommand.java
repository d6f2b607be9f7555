package io.lossgrid.cli;

import io.lossgrid.store.Tables;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "schema", description = "Print the columns of the trials and epochs tables (Markdown).")
final class SchemaCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(Tables.markdown());
        return 0;
    }
}
