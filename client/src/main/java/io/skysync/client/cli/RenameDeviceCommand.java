package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.api.DeviceDto;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.TokenStore;
import io.skysync.client.config.UserError;
import io.skysync.domain.DeviceId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code skysync devices rename NAME NEW [DIR]}. Renaming this folder's own device also moves the
 * folder to the new name: its token under the new name's key first, then the config (each a temp
 * file and an atomic rename), so a crash between the two leaves a folder that still finds its token.
 */
@Command(name = "rename", mixinStandardHelpOptions = true,
        header = "Rename a device (admin, or the device itself).",
        description = "Renames a device of the vault: an admin renames any device, every device itself. No other active "
                + "device may have the name (in any case). Renaming this folder's own device updates the folder's config "
                + "and token file too.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync devices rename phone work-phone ~/notes", "  skysync devices rename vm-2 \"desk at home\""})
final class RenameDeviceCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    DevicesCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "the device's name (or id)")
    String name;

    @Parameters(index = "1", paramLabel = "NEW", description = "its new name: 1 to 64 printable characters")
    String newName;

    @Parameters(index = "2", paramLabel = "DIR", arity = "0..1", description = "a synced folder of the vault")
    String dir;

    RenameDeviceCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        GlobalOptions global = parent.parent.global;
        try (Session session = Session.open(cli, global, cli.resolve(dir), false)) {
            DeviceDto target = DevicesCommand.find(session.devices().list().devices(), name);
            if (target.revoked()) {
                throw new UserError("'" + target.name() + "' is revoked; a revoked device keeps its name");
            }
            boolean mine = target.id().equals(session.deviceId());
            TokenStore.Key key = cli.tokenKey(session.config, global);
            if (mine) {
                // Before the server is asked: a rename that this folder could not follow is not made.
                cli.tokens.requireFreeFor(key.withDevice(newName.strip()), session.token);
            }
            DeviceDto renamed = rename(session, target);
            if (mine) {
                follow(session, key, renamed.name());
            }
            if (global.json) {
                cli.out.println(new String(ApiJson.write(renamed), StandardCharsets.UTF_8));
            } else {
                cli.say(global, "renamed '" + target.name() + "' to '" + renamed.name() + "'"
                        + (mine ? " (this device: the folder's config follows)" : ""));
            }
            return ExitCode.OK;
        }
    }

    /** A name the server refuses (invalid, or another device's) is a usage error: nothing was renamed. */
    private DeviceDto rename(Session session, DeviceDto target) {
        try {
            return session.devices().rename(new DeviceId(target.id()), newName);
        } catch (SkysyncException e) {
            if (e.code().status() == 400 || e.code() == ErrorCode.CONFLICT) {
                throw new UserError(e.getMessage(), e);
            }
            throw e;
        }
    }

    private void follow(Session session, TokenStore.Key key, String renamedTo) {
        try {
            cli.tokens.follow(key, key.withDevice(renamedTo));
            session.config = session.config.withDevice(renamedTo);
            ConfigFile.write(session.root, session.config);
        } catch (IOException | RuntimeException e) {
            throw new UserError("the vault now calls this device '" + renamedTo + "', but " + session.root
                    + " could not follow (" + e.getMessage() + "); run 'skysync devices rename \"" + renamedTo + "\" \""
                    + renamedTo + "\" " + session.root + "' to retry", e);
        }
    }
}
