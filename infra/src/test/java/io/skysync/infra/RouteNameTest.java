package io.skysync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteNameTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "GET  | /v1/health                                   | GET /v1/health",
        "POST | /v1/vaults                                   | POST /v1/vaults",
        "post | /v1/vaults/my-vault/plan                     | POST /v1/vaults/{vault}/plan",
        "GET  | /v1/vaults/v/changes                         | GET /v1/vaults/{vault}/changes",
        "GET  | /v1/vaults/v/files/private%2Fdiary.txt/history | GET /v1/vaults/{vault}/files/{path}/history",
        "GET  | /v1/vaults/v/files/a/b/c.txt/history         | GET /v1/vaults/{vault}/files/{path}/history",
        "POST | /v1/vaults/v/devices/dev-123/revoke          | POST /v1/vaults/{vault}/devices/{device}/revoke",
        "GET  | /v1/vaults/v/Secret.TXT                      | GET /v1/vaults/{vault}/{other}",
        "GET  | /etc/passwd                                  | GET {other}",
    })
    void of_request_namesTheRouteWithoutIdentifiers(String method, String path, String expected) {
        assertThat(RouteName.of(method, path)).isEqualTo(expected);
    }
}
