package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import io.skysync.reconcile.ConflictPolicy;
import io.skysync.error.SkysyncException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes. */
public final class GlobalOptions {
    @Option(names = "--on-conflict", scope = ScopeType.INHERIT, paramLabel = "POLICY",
            description = "keep-both (default), keep-local, keep-remote or newest; overrides the folder's config")
    String onConflict;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print machine-readable JSON results")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "print only errors")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "print details, stack traces included")
    boolean verbose;

    @Option(names = "--transfers", scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "8",
            description = "parallel transfers (default: ${DEFAULT-VALUE})")
    int transfers;

    @Option(names = "--max-delete", scope = ScopeType.INHERIT, paramLabel = "PERCENT",
            description = "stop if a sync would delete more than this share of the vault's files (default 50)")
    Integer maxDelete;

    @Option(names = "--allow-mass-delete", scope = ScopeType.INHERIT,
            description = "confirm a sync that deletes more than --max-delete, or runs on an emptied folder")
    boolean allowMassDelete;

    @Option(names = "--data", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "data folder of the embedded local backend (default: $XDG_DATA_HOME/skysync/local)")
    String dataDir;

    ConflictPolicy policy(ConflictPolicy fallback) {
        if (onConflict == null) {
            return fallback;
        }
        try {
            return ConflictPolicy.fromWireName(onConflict);
        } catch (SkysyncException e) {
            throw new UserError(e.getMessage());
        }
    }

    int transfers() {
        if (transfers < 1 || transfers > 64) {
            throw new UserError("--transfers must be between 1 and 64");
        }
        return transfers;
    }
}
