package org.realname.gateway.session;

import io.quarkus.test.junit.QuarkusTest;

/** The flow on the embedded default's database, H2. */
@QuarkusTest
class H2VerificationFlowTest extends VerificationFlowContract {
}
