package io.skysync.client.cli;

import io.skysync.client.config.FolderConfig;
import io.skysync.client.config.UserError;
import io.skysync.client.remote.LocalBackendConnector;
import io.skysync.domain.VaultId;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Make DIR a synced folder: writes DIR/.skysync/config.toml and stores the device token.")
final class InitCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", description = "the folder to sync")
    String dir;

    @Option(names = "--endpoint", defaultValue = FolderConfig.LOCAL, paramLabel = "URL|local",
            description = "the API URL, or 'local' for the embedded local backend (default)")
    String endpoint;

    @Option(names = "--vault", defaultValue = "default", description = "vault name (default: ${DEFAULT-VALUE})")
    String vault;

    @Option(names = "--device", description = "this device's name (default: the host name)")
    String device;

    InitCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        GlobalOptions global = parent.global;
        Path root = Session.requireFolder(cli.resolve(dir));
        VaultId vaultId;
        try {
            vaultId = new VaultId(vault);
        } catch (SkysyncException e) {
            throw new UserError(e.getMessage());
        }
        if (!FolderConfig.LOCAL.equals(endpoint)) {
            Initializer.endpoint(endpoint);
        }
        String name = device == null ? Initializer.defaultDevice(cli) : device;
        FolderConfig config;
        try {
            config = new FolderConfig(endpoint, vaultId, name, global.policy(ConflictPolicy.KEEP_BOTH),
                    global.maxDelete == null ? FolderConfig.DEFAULT_MAX_DELETE_PERCENT : global.maxDelete);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        try (FolderLock lock = FolderLock.acquire(root.resolve(".skysync"))) {
            LocalBackendConnector.Connection connection = null;
            try {
                boolean needsBackend = config.isLocal() && cli.tokens.find(vaultId, name).isEmpty();
                if (needsBackend) {
                    connection = LocalBackendConnector.connect(cli.dataDir(global), cli.http(global.transfers()));
                }
                String message = new Initializer(cli, cli.http(global.transfers())).init(root, config, connection);
                cli.say(global, message);
                cli.say(global, "initialized " + root + "; run 'skysync sync " + dir + "' to sync it");
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }
        return ExitCode.OK;
    }
}
