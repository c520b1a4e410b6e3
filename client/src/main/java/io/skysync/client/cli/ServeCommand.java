package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.client.config.UserError;
import io.skysync.client.remote.LocalBackendConnector;
import io.skysync.spi.LocalBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Run the embedded local backend until stopped.",
        description = "Runs the embedded local backend until stopped (Ctrl-C), so several folders (devices) on this "
                + "machine can sync with it at the same time.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync serve &", "  skysync serve --cloud azure --port 8080"})
final class ServeCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Option(names = "--port", defaultValue = "0", description = "the port on 127.0.0.1 (default: any free one)")
    int port;

    @Option(names = "--cloud", paramLabel = "aws|azure",
            description = {"which cloud's stand-ins to serve: aws (DynamoDB Local + S3Proxy) or azure (Azurite, needs Node.js);",
                    "default: the one the data folder already holds, else aws"})
    String cloud;

    ServeCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be between 0 and 65535");
        }
        if (cloud != null && !LocalBackendConnector.FLAVOURS.contains(cloud)) {
            throw new UserError("unknown --cloud '" + cloud + "': use aws or azure");
        }
        Path data = cli.dataDir(parent.global);
        String flavour = cloud != null ? cloud : LocalBackendConnector.flavourOf(data);
        LocalBackend backend;
        try {
            backend = LocalBackend.provider(flavour).start(data, port);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C and SIGTERM request the stop; Main's hook waits until the subscription is closed,
        // which is after the backend is.
        StopSignal.Subscription onStop = cli.host.stop().whenRequested(stopped::countDown);
        try {
            if (parent.global.json) {
                cli.out.println(new String(ApiJson.write(Map.of("endpoint", backend.endpoint().toString(), "cloud", flavour,
                        "data", data.toString())), StandardCharsets.UTF_8));
            } else {
                // The backend's own description carries its start-up time.
                cli.out.println(backend + " (data: " + data + "); Ctrl-C to stop");
            }
            cli.out.flush();
            stopped.await();
        } finally {
            try {
                backend.close();
            } finally {
                onStop.close();
            }
        }
        return ExitCode.OK;
    }
}
