package io.skysync.client.cli;

import io.skysync.api.DeviceTokenResponse;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.FolderConfig;
import io.skysync.client.config.TokenStore;
import io.skysync.client.config.UserError;
import io.skysync.client.remote.LocalBackendConnector;
import io.skysync.client.remote.VaultEnrolment;
import io.skysync.client.transfer.Backoff;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "join", mixinStandardHelpOptions = true,
        header = "Join a vault with a pairing code, then sync it down.",
        description = "Joins a vault as a new device with a code from 'skysync pair', then syncs the vault down into "
                + "DIR (created if missing). Also re-joins a folder whose device was revoked.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync join 4821-0937 ~/notes --vault notes --device phone",
                "  skysync join 4821-0937 ~/notes --endpoint https://API-URL --vault notes"})
final class JoinCommand implements Callable<Integer> {
    /** A code is single use and every try counts against the vault's limit: never retried behind the user's back. */
    private static final Backoff ONCE = new Backoff(1, Duration.ZERO, Duration.ZERO, new Random(), d -> { });
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(index = "0", paramLabel = "CODE", description = "the pairing code, e.g. 1234-5678")
    String code;

    @Parameters(index = "1", paramLabel = "DIR", description = "the folder to sync")
    String dir;

    @Option(names = "--endpoint", defaultValue = FolderConfig.LOCAL, paramLabel = "URL|local",
            description = "the API URL, or 'local' for the embedded local backend (default)")
    String endpoint;

    @Option(names = "--vault", defaultValue = "default", description = "the vault's name, as 'skysync pair' printed it (default: ${DEFAULT-VALUE})")
    String vault;

    @Option(names = "--device", description = "this device's name (default: the host name)")
    String device;

    JoinCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    @SuppressWarnings("try") // the folder lock is held, not used
    public Integer call() throws Exception {
        GlobalOptions global = parent.global;
        global.policy(ConflictPolicy.KEEP_BOTH);
        global.transfers();
        FolderConfig config = config(global);
        Path root = cli.resolve(dir);
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UserError(root + " is a file; give a folder to sync into");
        }
        if (ConfigFile.exists(root)) {
            FolderConfig existing = ConfigFile.read(root);
            if (!existing.vault().equals(config.vault()) || !existing.endpoint().equals(config.endpoint())) {
                throw new UserError(root + " is already a skysync folder of vault '" + existing.vault() + "' at "
                        + existing.endpoint() + "; join into another folder");
            }
            if (device == null) {
                config = new FolderConfig(config.endpoint(), config.vault(), existing.device(), existing.onConflict(),
                        existing.maxDeletePercent());
            }
        }
        NestedRoots.refuse(root);
        if (device == null && !ConfigFile.exists(root)) {
            config = Initializer.distinctDefault(cli, global, config);
        }
        TokenStore.Key key = cli.tokenKey(config, global);
        boolean fresh = !Files.exists(root);
        boolean hadState = Files.isDirectory(ConfigFile.stateDir(root));
        Files.createDirectories(root);
        LocalBackendConnector.Connection connection = null;
        Map<String, Object> done = new LinkedHashMap<>();
        RuntimeException refused = null;
        try {
            try (FolderLock lock = FolderLock.acquire(ConfigFile.stateDir(root))) {
                URI api;
                if (config.isLocal()) {
                    connection = cli.localBackend(global, cli.http(global.transfers()));
                    api = connection.endpoint();
                } else {
                    api = Initializer.endpoint(config.endpoint());
                }
                DeviceTokenResponse joined = null;
                try {
                    joined = exchange(api, config);
                } catch (RuntimeException e) {
                    refused = e;
                }
                if (joined != null) {
                    cli.tokens.save(key, joined.token());
                    ConfigFile.write(root, config.withRole(Role.fromWireName(joined.role())));
                    cli.say(global, "joined vault '" + joined.vault() + "' as device '" + joined.deviceName() + "' ("
                            + joined.role() + "); syncing " + root);
                    done.put("joined", joinedJson(root, joined));
                }
            }
            if (refused != null) {
                // Undo only once the lock is released: undo deletes the lock's own files.
                undo(root, fresh, hadState);
                throw refused;
            }
            Session session = Session.open(cli, global, root, false, connection);
            connection = null;
            try (session) {
                return SyncRunner.run(cli, global, session, options -> options, done);
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private static Map<String, Object> joinedJson(Path root, DeviceTokenResponse joined) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("folder", root.toString());
        json.put("vault", joined.vault());
        json.put("device", joined.deviceName());
        json.put("deviceId", joined.deviceId());
        json.put("role", joined.role());
        return json;
    }

    /** A join that failed leaves no trace: the folder (if we made it) and its state folder go again. */
    private static void undo(Path root, boolean fresh, boolean hadState) {
        try {
            if (!hadState) {
                Files.deleteIfExists(ConfigFile.stateDir(root).resolve(FolderLock.FILE));
                Files.deleteIfExists(ConfigFile.stateDir(root).resolve(FolderLock.HOLDER_FILE));
                Files.deleteIfExists(ConfigFile.stateDir(root));
            }
            if (fresh) {
                Files.deleteIfExists(root);
            }
        } catch (IOException e) {
            // Something else was put there meanwhile: leave it.
        }
    }

    private FolderConfig config(GlobalOptions global) {
        if (!FolderConfig.LOCAL.equals(endpoint)) {
            Initializer.endpoint(endpoint);
        }
        try {
            return new FolderConfig(endpoint, new VaultId(vault), device == null ? Initializer.defaultDevice(cli) : device,
                    global.policy(ConflictPolicy.KEEP_BOTH),
                    global.maxDelete == null ? FolderConfig.DEFAULT_MAX_DELETE_PERCENT : global.maxDelete);
        } catch (SkysyncException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private DeviceTokenResponse exchange(URI api, FolderConfig config) throws IOException {
        try {
            return new VaultEnrolment(cli.http(1), ONCE).pair(api, config.vault(), code, config.device());
        } catch (SkysyncException e) {
            if (e.code() == ErrorCode.UNAUTHORIZED || e.code() == ErrorCode.INVALID_REQUEST) {
                // The server's sentence already says what to do (ask for a new code, or the expected format).
                throw new UserError(e.getMessage() + (e.code() == ErrorCode.UNAUTHORIZED
                        ? " (and check --vault '" + config.vault() + "' is the vault it was made for)" : ""), e);
            }
            throw e;
        }
    }
}
