package io.skysync.infra;

import java.util.Locale;

/**
 * The API route a request hit, as a template without identifiers: {@code POST /v1/vaults/{vault}/plan}.
 * Counters are keyed by it so they never hold a vault id, a device id or a (private) file path.
 */
public final class RouteName {
    private static final String VAULTS = "/v1/vaults";

    private RouteName() {
    }

    public static String of(String method, String rawPath) {
        return method.toUpperCase(Locale.ROOT) + " " + template(rawPath == null ? "" : rawPath);
    }

    private static String template(String path) {
        if (path.equals(VAULTS) || path.equals("/v1/health")) {
            return path;
        }
        if (!path.startsWith(VAULTS + "/")) {
            return "{other}";
        }
        String[] rest = path.substring(VAULTS.length() + 1).split("/", -1);
        if (rest.length == 1) {
            return VAULTS + "/{vault}";
        }
        String action = rest[1];
        if (!action.matches("[a-z-]{1,32}")) {
            return VAULTS + "/{vault}/{other}";
        }
        if (rest.length == 2) {
            return VAULTS + "/{vault}/" + action;
        }
        String last = rest[rest.length - 1];
        String tail = last.matches("[a-z-]{1,32}") && rest.length > 3 ? "/" + last : "";
        String inner = action.equals("files") ? "{path}" : action.equals("devices") ? "{device}" : "{id}";
        return VAULTS + "/{vault}/" + action + "/" + inner + tail;
    }
}
