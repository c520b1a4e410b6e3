package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.api.PairingCodeResponse;
import io.skysync.domain.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "pair", mixinStandardHelpOptions = true,
        header = "Print a one-time code for a new device to join with.",
        description = "Prints a pairing code that lets a new device join this folder's vault, and the command to run "
                + "there ('skysync join CODE DIR'). The code works once, for 10 minutes.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync pair ~/notes", "  skysync pair ~/notes --role read-only"})
final class PairCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "a synced folder of the vault (default: the current folder)")
    String dir;

    @Option(names = "--role", defaultValue = "member", paramLabel = "member|read-only|admin",
            description = "the new device's role (default: ${DEFAULT-VALUE}); only an admin may pair an admin")
    String role;

    PairCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Role wanted = Roles.parse(role);
        GlobalOptions global = parent.global;
        try (Session session = Session.openRemote(cli, global, cli.resolve(dir))) {
            PairingCodeResponse code = session.devices().pairingCode(wanted);
            if (global.json) {
                cli.out.println(new String(ApiJson.write(code), StandardCharsets.UTF_8));
                return ExitCode.OK;
            }
            Instant expires = Instant.parse(code.expiresAt());
            long minutes = Math.max(1, Duration.between(cli.clock.instant(), expires).plusSeconds(30).toMinutes());
            String endpoint = session.config.isLocal() ? "" : " --endpoint " + session.config.endpoint();
            cli.out.println("pairing code for a new " + code.role() + " device of vault '" + code.vault() + "':");
            cli.out.println();
            cli.out.println("    " + code.code());
            cli.out.println();
            cli.out.println("it works once, until " + Times.clock(expires) + " (in " + minutes + " minutes); on the new device run:");
            cli.out.println("    skysync join " + code.code() + " DIR --vault " + code.vault() + endpoint + " --device NAME");
            return ExitCode.OK;
        }
    }
}
