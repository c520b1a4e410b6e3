package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import io.skysync.domain.Role;
import io.skysync.error.SkysyncException;

/** Reads a role given on the command line. */
final class Roles {
    private Roles() {
    }

    static Role parse(String text) {
        try {
            return Role.fromWireName(text);
        } catch (SkysyncException e) {
            throw new UserError("unknown role '" + text + "': use member, read-only or admin");
        }
    }
}
