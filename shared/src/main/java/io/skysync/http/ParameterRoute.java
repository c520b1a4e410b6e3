package io.skysync.http;

import java.util.Optional;

/**
 * A vault route that carries a parameter in its URL, parsed from the part after
 * {@code /v1/vaults/{vault}/}: {@code devices/{id}/role}, {@code devices/{id}/revoke}, {@code devices/{id}/name} and
 * {@code files/{path}/history}. The parameter is still percent-encoded. Any other shape, a route
 * cut short included, is not a route: no length is assumed before it is checked.
 *
 * @param name      {@code role}, {@code revoke}, {@code name} or {@code history}
 * @param parameter the device id or the file path, as sent (may be empty: the caller refuses it)
 */
record ParameterRoute(String name, String parameter) {
    private static final String DEVICES = "devices/";
    private static final String FILES = "files/";
    private static final String HISTORY = "/history";

    static Optional<ParameterRoute> parse(String action) {
        if (action.startsWith(DEVICES)) {
            String rest = action.substring(DEVICES.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            String verb = rest.substring(slash + 1);
            return verb.equals("role") || verb.equals("revoke") || verb.equals("name")
                    ? Optional.of(new ParameterRoute(verb, rest.substring(0, slash)))
                    : Optional.empty();
        }
        if (action.startsWith(FILES) && action.endsWith(HISTORY)
                && action.length() >= FILES.length() + HISTORY.length()) {
            return Optional.of(new ParameterRoute("history",
                    action.substring(FILES.length(), action.length() - HISTORY.length())));
        }
        return Optional.empty();
    }
}
