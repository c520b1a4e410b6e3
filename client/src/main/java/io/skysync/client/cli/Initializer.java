package io.skysync.client.cli;

import io.skysync.api.CreateVaultResponse;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.FolderConfig;
import io.skysync.client.config.UserError;
import io.skysync.client.remote.LocalBackendConnector;
import io.skysync.client.remote.VaultEnrolment;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Makes a folder a skysync folder: finds or obtains the device token (from {@code SKYSYNC_TOKEN},
 * the token file, or by creating the vault with the backend's bootstrap secret), then writes the
 * config. Joining an existing vault as a new device needs pairing (a later issue).
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

    static String defaultDevice(CliContext cli) {
        String host = cli.env.getOrDefault("HOSTNAME", cli.env.get("COMPUTERNAME"));
        if (host == null) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
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
    String init(Path root, FolderConfig config, LocalBackendConnector.Connection connection) throws IOException {
        if (ConfigFile.exists(root)) {
            FolderConfig existing = ConfigFile.read(root);
            if (existing.vault().equals(config.vault()) && existing.endpoint().equals(config.endpoint())) {
                return root + " is already a skysync folder of vault '" + existing.vault() + "'";
            }
            throw new UserError(root + " is already a skysync folder of vault '" + existing.vault() + "' at "
                    + existing.endpoint() + "; remove its .skysync folder first to change that");
        }
        Optional<String> token = cli.tokens.find(config.vault(), config.device());
        String message;
        if (token.isPresent()) {
            message = "using the existing device token for vault '" + config.vault() + "'";
        } else {
            URI endpoint = config.isLocal() ? connection.endpoint() : endpoint(config.endpoint());
            String secret = config.isLocal() ? connection.bootstrapSecret() : cli.env.get(BOOTSTRAP_ENV);
            if (secret == null || secret.isBlank()) {
                throw new UserError("no device token for vault '" + config.vault() + "': set SKYSYNC_TOKEN to a device"
                        + " token of the vault, or " + BOOTSTRAP_ENV + " to create it");
            }
            CreateVaultResponse created;
            try {
                created = new VaultEnrolment(http, cli.backoff()).createVault(endpoint, secret, config.vault(), config.device());
            } catch (SkysyncException e) {
                if (e.code() == ErrorCode.CONFLICT) {
                    throw new UserError("the vault '" + config.vault() + "' already exists; this folder needs a device"
                            + " token of it: set SKYSYNC_TOKEN to one (pairing with 'skysync join' is not available yet)", e);
                }
                throw e;
            }
            token = Optional.of(created.token());
            message = "created vault '" + config.vault() + "' with this device ('" + config.device() + "') as its admin";
        }
        cli.tokens.save(config.vault(), config.device(), token.get());
        ConfigFile.write(root, config);
        return message;
    }
}
