package io.skysync.client.cli;

import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.FolderConfig;
import io.skysync.client.config.TokenStore;
import io.skysync.client.config.UserError;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.remote.ApiClient;
import io.skysync.client.remote.HttpRemoteVault;
import io.skysync.client.remote.LocalBackendConnector;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.VaultDevices;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.sync.SyncEngine;
import io.skysync.client.sync.SyncOptions;
import io.skysync.client.transfer.HttpTransfers;
import io.skysync.domain.Role;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import okhttp3.OkHttpClient;

/**
 * Everything a command needs to work on one synced folder, opened in order and closed in reverse:
 * the folder lock (not for a command that only asks the vault), the backend connection (the embedded one if the endpoint is {@code local}),
 * the API client with the device token, and the local index. The composition root of the client.
 */
final class Session implements AutoCloseable {
    final Path root;
    FolderConfig config;
    final RemoteVault remote;
    final SqliteIndexStore index;
    final URI endpoint;
    final ApiClient api;
    final String token;
    private final FolderLock lock;
    private final boolean ownsLock;
    private final LocalBackendConnector.Connection connection;
    private final OkHttpClient http;
    private final CliContext cli;
    private Progress progress = Progress.NONE;

    private Session(Path root, FolderConfig config, FolderLock lock, boolean ownsLock,
                    LocalBackendConnector.Connection connection, URI endpoint, ApiClient api, String token,
                    SqliteIndexStore index, OkHttpClient http, CliContext cli) {
        this.root = root;
        this.config = config;
        this.lock = lock;
        this.ownsLock = ownsLock;
        this.connection = connection;
        this.endpoint = endpoint;
        this.api = api;
        this.token = token;
        this.remote = new HttpRemoteVault(api, config.vault());
        this.index = index;
        this.http = http;
        this.cli = cli;
    }

    static Path requireFolder(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
            throw new UserError("the folder " + root + " does not exist; create it or check the path");
        }
        return root;
    }

    /** Opens a session on an initialized folder; with {@code autoInit}, initializes a new one on the local backend first. */
    static Session open(CliContext cli, GlobalOptions global, Path root, boolean autoInit) throws IOException {
        return open(cli, global, root, autoInit, null);
    }

    /** As above, taking over a local backend connection the caller already made (it is closed with the session). */
    static Session open(CliContext cli, GlobalOptions global, Path root, boolean autoInit,
                        LocalBackendConnector.Connection reuse) throws IOException {
        return open(cli, global, root, autoInit, reuse, null, false);
    }

    /**
     * On an initialized folder whose lock the caller holds for longer than one session (a watcher
     * opens a new session after losing its server, and no other command may slip in between); the
     * lock stays held when the session closes.
     */
    static Session openLocked(CliContext cli, GlobalOptions global, Path root, FolderLock held) throws IOException {
        return open(cli, global, root, false, null, held, false);
    }

    /**
     * On an initialized folder, for a command that talks to the vault only and writes nothing of the
     * folder but its config (history, trash, devices, pair): it takes no folder lock and opens no
     * index, so it runs beside a watcher, which holds the lock for as long as it watches.
     */
    static Session openRemote(CliContext cli, GlobalOptions global, Path root) throws IOException {
        return open(cli, global, root, false, null, null, true);
    }

    private static Session open(CliContext cli, GlobalOptions global, Path root, boolean autoInit,
                                LocalBackendConnector.Connection reuse, FolderLock held, boolean remoteOnly)
            throws IOException {
        requireFolder(root);
        LocalBackendConnector.Connection connection = reuse;
        FolderLock lock = null;
        try {
            if (!remoteOnly) {
                lock = held != null ? held : FolderLock.acquire(ConfigFile.stateDir(root));
            }
        } catch (RuntimeException | IOException e) {
            if (connection != null) {
                connection.close();
            }
            throw e;
        }
        try {
            FolderConfig existing = ConfigFile.exists(root) ? ConfigFile.read(root) : null;
            // A new folder is initialized on the local backend.
            OkHttpClient http = existing == null || existing.isLocal() ? cli.loopbackHttp(global.transfers())
                    : cli.http(global.transfers());
            if (existing == null) {
                if (!autoInit) {
                    throw new UserError(root + " is not a skysync folder; run 'skysync init " + root + "' first");
                }
                FolderConfig fresh = Initializer.distinctDefault(cli, global, Initializer.defaults(cli));
                connection = cli.localBackend(global, http);
                new Initializer(cli, http).init(root, fresh, cli.tokenKey(fresh, global), connection);
                cli.say(global, "initialized " + root + " on the local backend (vault '" + fresh.vault()
                        + "', device '" + fresh.device() + "')");
            }
            FolderConfig config = existing != null ? existing : ConfigFile.read(root);
            URI endpoint;
            if (config.isLocal()) {
                if (connection == null) {
                    connection = cli.localBackend(global, http);
                }
                endpoint = connection.endpoint();
            } else {
                endpoint = Initializer.endpoint(config.endpoint());
            }
            TokenStore.Key key = cli.tokenKey(config, global);
            String token = cli.tokens.findForConfiguredFolder(key).orElseThrow(() -> new UserError(
                    "no device token for vault '" + config.vault() + "' and device '" + config.device() + "' at "
                            + config.endpoint() + " (looked in " + cli.tokens.file(key) + " and $SKYSYNC_TOKEN);"
                            + " run 'skysync init' again"));
            ApiClient api = new ApiClient(http, endpoint, token, cli.backoff());
            SqliteIndexStore index = remoteOnly ? null : SqliteIndexStore.open(ConfigFile.stateDir(root).resolve("index.db"));
            return new Session(root, config, lock, held == null, connection, endpoint, api, token, index, http, cli);
        } catch (RuntimeException | IOException e) {
            if (connection != null) {
                connection.close();
            }
            if (held == null && lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    VaultDevices devices() {
        return new VaultDevices(api, config.vault());
    }

    /** This device's id, from its token. */
    String deviceId() {
        return VaultDevices.deviceIdOf(token);
    }

    /**
     * Asks the server for this device's role (an admin may have changed it) and remembers it in the
     * folder's config.
     */
    Role refreshRole() throws IOException {
        String me = deviceId();
        Role role = devices().list().devices().stream().filter(d -> d.id().equals(me)).findFirst()
                .map(d -> Role.fromWireName(d.role())).orElse(null);
        if (role != null && role != config.role()) {
            config = config.withRole(role);
            ConfigFile.write(root, config);
        }
        return role;
    }

    SyncEngine engine(GlobalOptions global) throws IOException {
        if (index == null) {
            throw new IllegalStateException("a session opened for the vault only cannot sync");
        }
        endProgress();
        progress = cli.progress(global);
        return new SyncEngine(remote, new HttpTransfers(http, cli.backoff(), cli.clock), index, root, cli.clock,
                ParallelHasher.perCore(), IgnoreRules.load(root), global.transfers(), progress);
    }

    /** Closes the last engine's progress display (a bar left open would run into the summary). */
    void endProgress() {
        progress.done();
    }

    SyncOptions options(GlobalOptions global) {
        int maxDelete = global.maxDelete != null ? global.maxDelete : config.maxDeletePercent();
        if (maxDelete < 0 || maxDelete > 100) {
            throw new UserError("--max-delete is a percentage from 0 to 100");
        }
        return SyncOptions.twoWay(global.policy(config.onConflict()), config.device())
                .withMassDelete(maxDelete, global.allowMassDelete)
                .withCaseInsensitive(caseInsensitive())
                .withReadOnly(config.readOnly());
    }

    /** Probes the disk once: a name written in one case and found in another means the disk folds case. */
    private boolean caseInsensitive() {
        Path probe = ConfigFile.stateDir(root).resolve("case-probe");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            boolean folds = Files.exists(ConfigFile.stateDir(root).resolve("CASE-PROBE"));
            Files.deleteIfExists(probe);
            return folds;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        endProgress();
        try {
            if (index != null) {
                index.close();
            }
        } finally {
            try {
                if (connection != null) {
                    connection.close();
                }
            } finally {
                if (ownsLock && lock != null) {
                    lock.close();
                }
            }
        }
    }
}
