package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.api.DeviceDto;
import io.skysync.api.DevicesResponse;
import io.skysync.client.config.UserError;
import io.skysync.domain.DeviceId;
import io.skysync.domain.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "devices", mixinStandardHelpOptions = true,
        header = "List the vault's devices, and manage them.",
        description = "Lists the devices of this folder's vault: name, role, last seen, how far behind, revoked. The "
                + "subcommands below manage them.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync devices ~/notes", "  skysync devices revoke phone ~/notes",
            "  skysync devices rename phone work-phone ~/notes"},
        subcommands = {DevicesCommand.Revoke.class, DevicesCommand.ChangeRole.class, RenameDeviceCommand.class})
final class DevicesCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "a synced folder of the vault (default: the current folder)")
    String dir;

    DevicesCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        GlobalOptions global = parent.global;
        try (Session session = Session.open(cli, global, cli.resolve(dir), false)) {
            DevicesResponse list = session.devices().list();
            if (global.json) {
                cli.out.println(new String(ApiJson.write(list), StandardCharsets.UTF_8));
                return ExitCode.OK;
            }
            String me = session.deviceId();
            String format = "%-20s %-10s %-14s %8s  %-18s %s";
            cli.out.println(String.format(format, "NAME", "ROLE", "LAST SEEN", "CURSOR", "BEHIND", "").stripTrailing());
            for (DeviceDto d : list.devices()) {
                String note = d.revoked() ? "revoked" : d.id().equals(me) ? "this device" : "";
                cli.out.println(String.format(format, d.name(), d.role(), Times.ago(d.lastSeen(), cli.clock.instant()),
                        d.cursor(), d.behind() == 0 ? "up to date" : d.behind() + " change" + (d.behind() == 1 ? "" : "s"),
                        note).stripTrailing());
            }
            return ExitCode.OK;
        }
    }

    /** The one live device called {@code nameOrId} (a revoked one only if nothing else matches). */
    static DeviceDto find(List<DeviceDto> devices, String nameOrId) {
        List<DeviceDto> byId = devices.stream().filter(d -> d.id().equals(nameOrId)).toList();
        if (byId.size() == 1) {
            return byId.get(0);
        }
        List<DeviceDto> named = devices.stream().filter(d -> d.name().equals(nameOrId)).toList();
        List<DeviceDto> live = named.stream().filter(d -> !d.revoked()).toList();
        List<DeviceDto> candidates = live.isEmpty() ? named : live;
        if (candidates.isEmpty()) {
            throw new UserError("no device named '" + nameOrId + "' in this vault (see 'skysync devices')");
        }
        if (candidates.size() > 1) {
            throw new UserError(candidates.size() + " devices are named '" + nameOrId + "'; give one's id instead: "
                    + String.join(", ", candidates.stream().map(DeviceDto::id).toList()));
        }
        return candidates.get(0);
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            header = "Revoke a device: its token stops working at once.",
            description = "Revokes a device (admin, or the device itself): its next request is refused. Its files stay "
                    + "where they are; it can join again only with a new pairing code.",
            footerHeading = CliHelp.EXAMPLES,
            footer = {"  skysync devices revoke phone ~/notes"})
    static final class Revoke implements Callable<Integer> {
        private final CliContext cli;

        @ParentCommand
        DevicesCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "the device's name (or id)")
        String name;

        @Parameters(index = "1", paramLabel = "DIR", arity = "0..1", description = "a synced folder of the vault")
        String dir;

        Revoke(CliContext cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            GlobalOptions global = parent.parent.global;
            try (Session session = Session.open(cli, global, cli.resolve(dir), false)) {
                DeviceDto target = find(session.devices().list().devices(), name);
                if (target.revoked()) {
                    if (global.json) {
                        cli.out.println(new String(ApiJson.write(target), StandardCharsets.UTF_8));
                    }
                    cli.say(global, "'" + target.name() + "' is already revoked");
                    return ExitCode.OK;
                }
                DeviceDto revoked = session.devices().revoke(new DeviceId(target.id()));
                if (global.json) {
                    cli.out.println(new String(ApiJson.write(revoked), StandardCharsets.UTF_8));
                } else {
                    cli.say(global, "revoked '" + revoked.name() + "'" + (revoked.id().equals(session.deviceId())
                            ? " (this device): this folder can no longer sync" : ": its token no longer works"));
                }
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true,
            header = "Change a device's role: admin, member or read-only.",
            description = "Changes a device's role (admin devices only); read-only devices only pull.",
            footerHeading = CliHelp.EXAMPLES,
            footer = {"  skysync devices role kiosk read-only ~/notes"})
    static final class ChangeRole implements Callable<Integer> {
        private final CliContext cli;

        @ParentCommand
        DevicesCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "the device's name (or id)")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE", description = "admin, member or read-only")
        String role;

        @Parameters(index = "2", paramLabel = "DIR", arity = "0..1", description = "a synced folder of the vault")
        String dir;

        ChangeRole(CliContext cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            Role wanted = Roles.parse(role);
            GlobalOptions global = parent.parent.global;
            try (Session session = Session.open(cli, global, cli.resolve(dir), false)) {
                DeviceDto target = find(session.devices().list().devices(), name);
                if (target.revoked()) {
                    throw new UserError("'" + target.name() + "' is revoked; pair a new device instead");
                }
                DeviceDto changed = session.devices().changeRole(new DeviceId(target.id()), wanted);
                if (changed.id().equals(session.deviceId())) {
                    session.refreshRole();
                }
                if (global.json) {
                    cli.out.println(new String(ApiJson.write(changed), StandardCharsets.UTF_8));
                } else {
                    cli.say(global, "'" + changed.name() + "' is now " + changed.role() + " (was " + target.role() + ")");
                }
                return ExitCode.OK;
            }
        }
    }
}
