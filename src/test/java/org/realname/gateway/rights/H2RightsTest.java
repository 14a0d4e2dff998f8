package org.realname.gateway.rights;

import io.quarkus.test.junit.QuarkusTest;

/** The rights on the embedded default's database, H2. */
@QuarkusTest
class H2RightsTest extends RightsContract {
}
