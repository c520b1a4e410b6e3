package io.skysync.client.cli;

import io.skysync.api.CreateVaultResponse;
import io.skysync.api.DeviceTokenResponse;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.FolderConfig;
import io.skysync.client.config.TokenStore;
import io.skysync.client.config.UserError;
import io.skysync.client.remote.LocalBackendConnector;
import io.skysync.client.remote.VaultEnrolment;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Makes a folder a skysync folder: finds or obtains the device token (from {@code SKYSYNC_TOKEN},
 * the token file, or with the backend's bootstrap secret: creating the vault, or enrolling a new
 * device if the vault exists), then writes the config. Without the secret (a deployed endpoint),
 * a new device joins with a pairing code ({@link JoinCommand}).
 */
final class Initializer {
    static final String BOOTSTRAP_ENV = "SKYSYNC_BOOTSTRAP_SECRET";
    private final CliContext cli;
    private final OkHttpClient http;

    Initializer(CliContext cli, OkHttpClient http) {
        this.cli = cli;
        this.http = http;
    }

    static FolderConfig defaults(CliContext cli) {
        return new FolderConfig(FolderConfig.LOCAL, new VaultId("default"), defaultDevice(cli), ConflictPolicy.KEEP_BOTH,
                FolderConfig.DEFAULT_MAX_DELETE_PERCENT);
    }

    /**
     * {@code config} with its device name (the host name) made distinct: with {@code -2}, {@code -3}...
     * if a folder of this machine already is a device of that name in the vault and deployment (its
     * token file exists), saying so. Two folders are two devices.
     */
    static FolderConfig distinctDefault(CliContext cli, GlobalOptions global, FolderConfig config) throws IOException {
        TokenStore.Key key = cli.tokenKey(config, global);
        String name = key.device();
        for (int n = 2; cli.tokens.taken(key.withDevice(name)); n++) {
            name = key.device() + "-" + n;
        }
        if (name.equals(config.device())) {
            return config;
        }
        cli.say(global, "device name '" + name + "': '" + config.device() + "' is already a device of this machine in vault '"
                + config.vault() + "' (pass --device NAME to choose one)");
        return config.withDevice(name);
    }

    static String defaultDevice(CliContext cli) {
        String host = cli.env.getOrDefault("HOSTNAME", cli.env.get("COMPUTERNAME"));
        if (host == null) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "device";
            }
        }
        String cleaned = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        int dot = cleaned.indexOf('.');
        cleaned = dot > 0 ? cleaned.substring(0, dot) : cleaned;
        return cleaned.isEmpty() ? "device" : cleaned.substring(0, Math.min(cleaned.length(), 40));
    }

    static URI endpoint(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid endpoint '" + text + "': use 'local' or an https:// URL of a deployed skysync API");
        }
    }

    /** @return a message for the user */
    String init(Path root, FolderConfig config, TokenStore.Key key, LocalBackendConnector.Connection connection)
            throws IOException {
        if (ConfigFile.exists(root)) {
            FolderConfig existing = ConfigFile.read(root);
            if (existing.vault().equals(config.vault()) && existing.endpoint().equals(config.endpoint())) {
                return root + " is already a skysync folder of vault '" + existing.vault() + "'";
            }
            throw new UserError(root + " is already a skysync folder of vault '" + existing.vault() + "' at "
                    + existing.endpoint() + "; remove its .skysync folder first to change that");
        }
        NestedRoots.refuse(root);
        Optional<String> existingToken = cli.tokens.find(key);
        if (existingToken.isPresent()) {
            cli.tokens.save(key, existingToken.get());
            ConfigFile.write(root, config);
            return "using the existing device token of '" + config.device() + "' for vault '" + config.vault() + "'";
        }
        URI endpoint = config.isLocal() ? connection.endpoint() : endpoint(config.endpoint());
        String secret = config.isLocal() ? connection.bootstrapSecret() : cli.env.get(BOOTSTRAP_ENV);
        if (secret == null || secret.isBlank()) {
            throw new UserError("no device token for '" + config.device() + "' in vault '" + config.vault()
                    + "': to join a vault, run 'skysync pair' on one of its devices, then 'skysync join CODE " + root
                    + " --endpoint " + config.endpoint() + " --vault " + config.vault() + "' here; to create it, set "
                    + BOOTSTRAP_ENV);
        }
        VaultEnrolment enrolment = new VaultEnrolment(http, cli.backoff());
        String token;
        Role role;
        String message;
        try {
            CreateVaultResponse created = enrolment.createVault(endpoint, secret, config.vault(), config.device());
            token = created.token();
            role = Role.ADMIN;
            message = "created vault '" + config.vault() + "' with this device ('" + config.device() + "') as its admin";
        } catch (SkysyncException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
            // The vault exists and we hold the deployment's secret: enrol this folder as a device of its own.
            DeviceTokenResponse added = enrolment.addDevice(endpoint, secret, config.vault(), config.device(), Role.MEMBER);
            token = added.token();
            role = Role.fromWireName(added.role());
            message = "joined vault '" + config.vault() + "' as a new device '" + config.device() + "' (" + added.role() + ")";
        }
        cli.tokens.save(key, token);
        ConfigFile.write(root, config.withRole(role));
        return message;
    }
}
