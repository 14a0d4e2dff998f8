package org.realname.gateway.audit.read;

import io.quarkus.test.junit.QuarkusTest;

/** The auditor API on the embedded default's database, H2. */
@QuarkusTest
class H2AuditorApiTest extends AuditorApiContract {
}
