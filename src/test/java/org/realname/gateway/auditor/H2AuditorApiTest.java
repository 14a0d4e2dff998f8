package org.realname.gateway.auditor;

import io.quarkus.test.junit.QuarkusTest;

/** The auditor API on the embedded default's database, H2. */
@QuarkusTest
class H2AuditorApiTest extends AuditorApiContract {
}
