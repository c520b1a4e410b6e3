package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.index.SqliteIndexStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "conflicts", mixinStandardHelpOptions = true,
        header = "List conflict copies and the file each belongs to.",
        description = "Lists the conflict copies in DIR as of the last sync, the file each belongs to and the device "
                + "that made it; exits 1 while there are any. Settle each with 'skysync resolve'.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync conflicts ~/notes", "  skysync conflicts --json"})
final class ConflictsCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "the synced folder")
    String dir;

    ConflictsCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Path root = Session.requireFolder(cli.resolve(dir));
        ConfigFile.read(root);
        List<ConflictCopies.Copy> copies;
        try (SqliteIndexStore index = SqliteIndexStore.open(ConfigFile.stateDir(root).resolve("index.db"))) {
            copies = ConflictCopies.in(index.load().values());
        }
        if (parent.global.json) {
            List<Map<String, String>> json = copies.stream().map(c -> Map.of("copy", c.copy().value(),
                    "original", c.original().value(), "device", c.device(), "time", c.stamp())).toList();
            cli.out.println(new String(ApiJson.write(json), StandardCharsets.UTF_8));
        } else if (copies.isEmpty()) {
            cli.out.println("no conflicts");
        } else {
            for (ConflictCopies.Copy c : copies) {
                cli.out.println(c.original() + "  <->  " + c.copy() + "  (from " + c.device() + ")");
            }
            cli.out.println("settle each with: skysync resolve PATH --keep local|remote|both");
        }
        return copies.isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
    }
}
