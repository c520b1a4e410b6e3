package io.skysync.client.cli;

import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.UserError;
import io.skysync.domain.VaultPath;
import io.skysync.error.SkysyncException;
import java.nio.file.Path;

/** A file argument resolved like git does: the synced folder is the nearest parent with a {@code .skysync/config.toml}. */
record FolderPath(Path root, VaultPath path) {

    static FolderPath of(CliContext cli, String dir, String file) {
        Path absolute = dir != null ? cli.resolve(dir).resolve(file).normalize() : cli.resolve(file);
        for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
            if (ConfigFile.exists(p)) {
                Path rel = p.relativize(absolute);
                StringBuilder name = new StringBuilder();
                rel.forEach(part -> name.append(name.length() == 0 ? "" : "/").append(part));
                try {
                    return new FolderPath(p, VaultPath.normalized(name.toString()));
                } catch (SkysyncException e) {
                    throw new UserError(e.getMessage());
                }
            }
        }
        throw new UserError(file + " is not inside a skysync folder; give its path inside one, or -C DIR");
    }
}
