package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.FolderConfig;
import io.skysync.client.config.TokenStore;
import io.skysync.client.config.UserError;
import io.skysync.client.remote.LocalBackendConnector;
import io.skysync.client.remote.VaultDevices;
import io.skysync.domain.VaultId;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import io.skysync.reconcile.ConflictPolicy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "init", mixinStandardHelpOptions = true,
        header = "Make a folder a synced folder of a vault.",
        description = "Writes DIR/.skysync/config.toml and stores this device's token (file 0600). On the local "
                + "backend, or with SKYSYNC_BOOTSTRAP_SECRET set, it creates the vault (this device becomes its "
                + "admin) or, if the vault exists, enrols DIR as a new member device. Without the secret, a device "
                + "joins with 'skysync pair' and 'skysync join' instead.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync init ~/notes --vault notes --device laptop",
                "  SKYSYNC_BOOTSTRAP_SECRET=... skysync init ~/notes --endpoint https://API-URL"})
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
    @SuppressWarnings("try") // the resource is held, not used
    public Integer call() throws Exception {
        GlobalOptions global = parent.global;
        Path root = Session.requireFolder(cli.resolve(dir));
        NestedRoots.refuse(root);
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
        if (device == null && !ConfigFile.exists(root)) {
            config = Initializer.distinctDefault(cli, global, config);
        }
        TokenStore.Key key = cli.tokenKey(config, global);
        try (FolderLock lock = FolderLock.acquire(root.resolve(".skysync"))) {
            LocalBackendConnector.Connection connection = null;
            try {
                boolean needsBackend = config.isLocal() && cli.tokens.find(key).isEmpty();
                if (needsBackend) {
                    connection = cli.localBackend(global, cli.http(global.transfers()));
                }
                String message = new Initializer(cli, cli.http(global.transfers())).init(root, config, key, connection);
                if (global.json) {
                    cli.out.println(new String(ApiJson.write(initJson(root, key, message)), StandardCharsets.UTF_8));
                }
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

    /** The folder as init left it: its config, this device's id, and the sentence people see. */
    private Map<String, Object> initJson(Path root, TokenStore.Key key, String message) throws IOException {
        FolderConfig written = ConfigFile.read(root);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("folder", root.toString());
        json.put("endpoint", written.endpoint());
        json.put("vault", written.vault().value());
        json.put("device", written.device());
        json.put("deviceId", cli.tokens.find(key.withDevice(written.device())).map(VaultDevices::deviceIdOf).orElse(""));
        // Unknown until the first sync when init reused an existing token.
        json.put("role", written.role() == null ? null : written.role().wireName());
        json.put("message", message);
        return json;
    }
}
