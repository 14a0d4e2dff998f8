package org.realname.gateway.complaint;

import io.quarkus.test.junit.QuarkusTest;

/** Complaints on the embedded default's database, H2. */
@QuarkusTest
class H2ComplaintsTest extends ComplaintsContract {
}
