package org.realname.gateway.tenant;

import io.quarkus.test.junit.QuarkusTest;

/** Tenant isolation on the embedded default's database, H2. */
@QuarkusTest
class TenantIsolationTest extends TenantIsolationContract {
}
