package io.lossgrid.cli;

import io.lossgrid.store.Tables;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "schema", description = "Print the columns of the trials, epochs and iterations tables (Markdown).")
final class SchemaCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().getOut().print(Tables.markdown());
        command.commandLine().getOut().flush();
        return 0;
    }
}
