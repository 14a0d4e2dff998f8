package org.realname.gateway.keyadmin;

import java.util.Set;

import org.realname.gateway.web.EndpointJson;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@code POST /api/v1/admin/keys/rotate}: any body binds (and writes back to itself) or is
 * refused by the JSON reader with a fixed detail. The {@code kind} check after binding is a
 * plain enum lookup, tested in the resource's own tests.
 */
class RotateRequestFuzzTest {

    private final EndpointJson json = new EndpointJson();

    @FuzzTest
    void bodyBindsOrIsRefused(byte[] body) {
        json.bindOrRefuse(body, KeyAdminResource.RotateRequest.class, Set.of("kind"));
    }
}
